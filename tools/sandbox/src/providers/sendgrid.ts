import { randomBytes } from 'node:crypto';
import type { ProviderDeps, ProviderReply } from './provider-reply';

export interface SendGridSendRequest {
  authorization: string | undefined;
  rawBody: string;
}

interface SendGridError {
  message: string;
  field: string | null;
}

interface Recipient {
  email: string;
  subject: string | undefined;
  /** The mail's `custom_args` with the personalization's own over them, as SendGrid merges them. */
  customArgs: Record<string, string>;
}

type Json = Record<string, unknown>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** `POST /v3/mail/send` with the body @sendgrid/mail builds; 202 + `X-Message-Id` like SendGrid. */
export function sendSendGridMail(request: SendGridSendRequest, deps: ProviderDeps): ProviderReply {
  if (!/^Bearer\s+\S+/i.test(request.authorization ?? '')) {
    return sendGridErrors(401, [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null }]);
  }
  let mail: unknown;
  try {
    mail = JSON.parse(request.rawBody);
  } catch {
    return sendGridErrors(400, [{ message: 'Bad Request', field: null }]);
  }
  if (!isObject(mail)) return sendGridErrors(400, [{ message: 'Bad Request', field: null }]);

  const errors: SendGridError[] = [];
  const recipients = readRecipients(mail.personalizations, customArgsOf(mail), errors);
  const from = isObject(mail.from) && typeof mail.from.email === 'string' ? mail.from.email : undefined;
  if (from === undefined || !EMAIL.test(from)) {
    errors.push({
      message: 'The from object must be provided for every email send. It is an object that requires an email parameter, but may also contain a name parameter.',
      field: 'from',
    });
  }
  const hasTemplate = typeof mail.template_id === 'string' && mail.template_id !== '';
  const topSubject = typeof mail.subject === 'string' && mail.subject !== '' ? mail.subject : undefined;
  const personalizations: unknown[] = Array.isArray(mail.personalizations) ? mail.personalizations : [];
  const everyPersonalizationHasSubject = personalizations.length > 0 && personalizations.every((p) => subjectOf(p) !== undefined);
  if (!hasTemplate && topSubject === undefined && !everyPersonalizationHasSubject) {
    errors.push({
      message: 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      field: 'subject',
    });
  }
  const content = readContent(mail.content);
  if (!hasTemplate && content.text === undefined && content.html === undefined) {
    errors.push({
      message: 'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.',
      field: 'content',
    });
  }
  if (errors.length > 0) return sendGridErrors(400, errors);

  const messageId = randomBytes(16).toString('base64url');
  let answerAfterMs = 0;
  for (const recipient of recipients) {
    const subject = recipient.subject ?? topSubject;
    const captured = deps.store.add({
      provider: 'sendgrid',
      channel: 'email',
      to: recipient.email,
      from: from ?? '',
      ...(subject === undefined ? {} : { subject }),
      body: content.text ?? content.html ?? '',
      ...(content.html === undefined ? {} : { html: content.html }),
      providerMessageId: messageId,
      ...(Object.keys(recipient.customArgs).length === 0 ? {} : { customArgs: recipient.customArgs }),
    });
    answerAfterMs = Math.max(answerAfterMs, deps.callbacks?.sendgridAccepted(captured) ?? 0);
  }
  return { status: 202, headers: { 'X-Message-Id': messageId }, ...(answerAfterMs > 0 ? { answerAfterMs } : {}) };
}

/** The error body SendGrid sends for an injected fault. */
export function sendGridFaultReply(status: number): ProviderReply {
  const message =
    status === 429 ? 'too many requests' : status >= 500 ? 'internal server error' : 'request refused by the sandbox';
  return sendGridErrors(status, [{ message, field: null }]);
}

function sendGridErrors(status: number, errors: SendGridError[]): ProviderReply {
  return { status, body: { errors: errors.map((e) => ({ ...e, help: null })) } };
}

/** The string values of an object's `custom_args` (SendGrid takes only strings there). */
function customArgsOf(holder: unknown): Record<string, string> {
  const args = isObject(holder) ? holder.custom_args : undefined;
  if (!isObject(args)) return {};
  return Object.fromEntries(Object.entries(args).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** One recipient per `to` entry of every personalization (cc/bcc are not captured). */
function readRecipients(personalizations: unknown, mailArgs: Record<string, string>, errors: SendGridError[]): Recipient[] {
  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    errors.push({
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
    });
    return [];
  }
  const recipients: Recipient[] = [];
  personalizations.forEach((p: unknown, i) => {
    const to = isObject(p) ? p.to : undefined;
    if (!Array.isArray(to) || to.length === 0) {
      errors.push({
        message: 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
        field: `personalizations.${i}.to`,
      });
      return;
    }
    const subject = subjectOf(p);
    const customArgs = { ...mailArgs, ...customArgsOf(p) };
    to.forEach((entry: unknown, j) => {
      const email = isObject(entry) && typeof entry.email === 'string' ? entry.email : '';
      if (!EMAIL.test(email)) errors.push({ message: 'Does not contain a valid address.', field: `personalizations.${i}.to.${j}.email` });
      else recipients.push({ email, subject, customArgs });
    });
  });
  return recipients;
}

function subjectOf(personalization: unknown): string | undefined {
  return isObject(personalization) && typeof personalization.subject === 'string' && personalization.subject !== ''
    ? personalization.subject
    : undefined;
}

function readContent(content: unknown): { text?: string; html?: string } {
  if (!Array.isArray(content)) return {};
  const out: { text?: string; html?: string } = {};
  for (const block of content) {
    if (!isObject(block) || typeof block.value !== 'string' || block.value === '') continue;
    if (block.type === 'text/plain' && out.text === undefined) out.text = block.value;
    if (block.type === 'text/html' && out.html === undefined) out.html = block.value;
  }
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
