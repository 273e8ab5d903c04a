import { PermanentError, RetryableError } from '@bank/plugin-sdk';

interface SmtpErrorFields {
  readonly code?: unknown;
  readonly responseCode?: unknown;
}

// nodemailer's codes for "no usable answer from the server"
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET']);

/**
 * SMTP reply classes: 4xx is transient by definition (greylisting, mailbox busy) → retryable;
 * 5xx is permanent (no such user, rejected sender, auth refused) → permanent. No reply at all
 * (connection, TLS or timeout trouble) → retryable. An envelope nodemailer refuses before talking
 * to the server (no/invalid recipient) → permanent.
 */
export function classifySmtpError(error: unknown): RetryableError | PermanentError {
  const { code, responseCode } = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorFields;
  const smtpCode = typeof code === 'string' ? code : undefined;
  if (typeof responseCode === 'number') {
    const failure = { providerCode: responseCode, cause: error };
    if (responseCode >= 500) return new PermanentError(`SMTP server rejected the message (${responseCode})`, failure);
    if (responseCode >= 400) return new RetryableError(`SMTP server deferred the message (${responseCode})`, failure);
  }
  if (smtpCode && CONNECTION_CODES.has(smtpCode)) {
    return new RetryableError(`SMTP connection failed (${smtpCode})`, { providerCode: smtpCode, cause: error });
  }
  if (smtpCode === 'EENVELOPE' || smtpCode === 'EMESSAGE') {
    return new PermanentError(`SMTP message refused (${smtpCode})`, { providerCode: smtpCode, cause: error });
  }
  return new RetryableError(`SMTP send failed${smtpCode ? ` (${smtpCode})` : ''}`, { providerCode: smtpCode, cause: error });
}
