import { randomBytes } from 'node:crypto';
import { isValidTwilioRecipient, isWhatsApp } from '../address';
import type { ProviderDeps, ProviderReply } from './provider-reply';
import { countSegments } from './sms-segments';

export interface TwilioSendRequest {
  accountSid: string;
  authorization: string | undefined;
  form: URLSearchParams;
}

const API_VERSION = '2010-04-01';

/** `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, validated the way Twilio does it. */
export function sendTwilioMessage(request: TwilioSendRequest, deps: ProviderDeps): ProviderReply {
  if (!hasBasicCredentials(request.authorization)) {
    return twilioError(401, 20003, 'Authenticate', 'Your AccountSid or AuthToken was incorrect.');
  }
  const { form } = request;
  const to = field(form, 'To');
  const from = field(form, 'From');
  const body = field(form, 'Body');
  const contentSid = field(form, 'ContentSid');
  const messagingServiceSid = field(form, 'MessagingServiceSid');
  const rawVariables = field(form, 'ContentVariables');

  if (to === undefined) return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!isValidTwilioRecipient(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
  if (from === undefined && messagingServiceSid === undefined) {
    return twilioError(400, 21603, "A 'From' phone number is required.");
  }
  if (body === undefined && contentSid === undefined) return twilioError(400, 21602, 'Message body is required.');
  const contentVariables = rawVariables === undefined ? undefined : parseContentVariables(rawVariables);
  if (contentVariables === null) return twilioError(400, 21656, 'The ContentVariables Parameter is invalid.');
  if (deps.optOuts.has(to)) return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');

  const sid = `SM${randomBytes(16).toString('hex')}`;
  const now = deps.now();
  const captured = deps.store.add({
    provider: 'twilio',
    channel: isWhatsApp(to) ? 'whatsapp' : 'sms',
    to,
    from: from ?? messagingServiceSid ?? '',
    body: body ?? '',
    ...(contentSid === undefined ? {} : { contentSid }),
    ...(contentVariables === undefined ? {} : { contentVariables }),
    providerMessageId: sid,
  });
  const answerAfterMs = deps.callbacks?.twilioAccepted(captured, request.accountSid, field(form, 'StatusCallback')) ?? 0;
  return { status: 201, body: messageResource(request.accountSid, sid, now, { to, from, body, messagingServiceSid }), ...(answerAfterMs > 0 ? { answerAfterMs } : {}) };
}

/** The error body Twilio sends for an injected fault (20429 for throttling, 20500 for a server error, …). */
export function twilioFaultReply(status: number): ProviderReply {
  if (status === 429) return twilioError(429, 20429, 'Too Many Requests');
  if (status === 401) return twilioError(401, 20003, 'Authenticate');
  if (status >= 500) return twilioError(status, 20000 + status, status === 503 ? 'Service Unavailable' : 'Internal Server Error');
  return twilioError(status, 20000 + status, 'Request refused by the sandbox');
}

function twilioError(status: number, code: number, message: string, detail?: string): ProviderReply {
  return {
    status,
    body: {
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
      ...(detail === undefined ? {} : { detail }),
    },
  };
}

function messageResource(
  accountSid: string,
  sid: string,
  now: Date,
  m: { to: string; from: string | undefined; body: string | undefined; messagingServiceSid: string | undefined },
): Record<string, unknown> {
  const date = now.toUTCString().replace('GMT', '+0000');
  const uri = `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}`;
  return {
    account_sid: accountSid,
    api_version: API_VERSION,
    body: m.body ?? '',
    date_created: date,
    date_sent: null,
    date_updated: date,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from ?? null,
    messaging_service_sid: m.messagingServiceSid ?? null,
    num_media: '0',
    num_segments: String(countSegments(m.body ?? '')),
    price: null,
    price_unit: 'USD',
    sid,
    status: 'queued',
    subresource_uris: { media: `${uri}/Media.json` },
    to: m.to,
    uri: `${uri}.json`,
  };
}

function field(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name);
  return value === null || value === '' ? undefined : value;
}

function hasBasicCredentials(header: string | undefined): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1;
}

/** Twilio takes a JSON object of string values; null means "invalid". */
function parseContentVariables(raw: string): Record<string, string> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'object' && value !== null) return null;
    out[key] = String(value);
  }
  return out;
}
