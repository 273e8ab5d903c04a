import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import type { Delays } from '../delays';
import type { Fault, FaultPlan } from '../fault-plan';
import type { ProviderDeps } from './provider-reply';

export interface SmtpDeps extends ProviderDeps {
  faults: FaultPlan;
  delays: Delays;
  maxBytes: number;
}

/**
 * SMTP reply code for an injected fault: `smtpCode` if given, else HTTP 5xx → 554 (transaction
 * failed, permanent) and HTTP 4xx → 451 (local error, try again later), 429 included.
 */
export function smtpCodeFor(fault: Pick<Fault, 'status' | 'smtpCode'>): number {
  if (fault.smtpCode !== null) return fault.smtpCode;
  return (fault.status ?? 500) >= 500 ? 554 : 451;
}

/**
 * An SMTP listener without TLS that accepts any (or no) credentials. Faults are applied at
 * MAIL FROM, so one refused call is one refused `sendMail`.
 */
export function createSmtpServer(deps: SmtpDeps): SMTPServer {
  return new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    size: deps.maxBytes,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'sandbox' });
    },
    onMailFrom(_address, _session, callback) {
      const fault = deps.faults.take('smtp');
      if (!fault) return callback();
      void deps.delays.sleep(fault.delayMs).then((elapsed) => {
        if (!elapsed) return; // the sandbox is stopping; the connection is being closed
        if (fault.status === null) return callback();
        deps.faults.recordRefused('smtp');
        callback(smtpError(smtpCodeFor(fault), 'Transaction refused by the sandbox (injected fault)'));
      });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (stream.sizeExceeded) return callback(smtpError(552, 'Message exceeds fixed maximum message size'));
          const id = mail.messageId ?? `<${randomUUID()}@sandbox>`;
          const html = typeof mail.html === 'string' ? mail.html : undefined;
          // The line break that ends the text part is transport framing, not content.
          const text = mail.text?.replace(/(\r?\n)+$/, '');
          const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          for (const rcpt of session.envelope.rcptTo) {
            deps.store.add({
              provider: 'smtp',
              channel: 'email',
              to: rcpt.address,
              from: mail.from?.value[0]?.address ?? envelopeFrom,
              ...(mail.subject === undefined ? {} : { subject: mail.subject }),
              body: text ?? html ?? '',
              ...(html === undefined ? {} : { html }),
              providerMessageId: id,
            });
          }
          callback(null, `OK: queued as ${id}`);
        })
        .catch((error: unknown) => callback(smtpError(451, 'Could not parse the message', error)));
    },
  });
}

function smtpError(responseCode: number, message: string, cause?: unknown): SMTPServerError {
  const error: SMTPServerError = new Error(message, { cause });
  error.responseCode = responseCode;
  return error;
}
