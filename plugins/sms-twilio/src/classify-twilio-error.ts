import { PermanentError, RetryableError } from '@bank/plugin-sdk';

/** Twilio error codes that will fail the same way every time. */
export const PERMANENT_TWILIO_CODES: Readonly<Record<number, string>> = {
  21211: 'invalid To phone number',
  21408: 'region not enabled for this account',
  21606: 'From number cannot send to this destination',
  21610: 'recipient unsubscribed (replied STOP)',
  21614: 'To number is not a mobile number',
};

/** Twilio error codes that say "not now". */
export const RETRYABLE_TWILIO_CODES: Readonly<Record<number, string>> = {
  20429: 'too many requests',
  20500: 'internal server error',
  20503: 'service unavailable',
};

export interface TwilioCodeOverrides {
  /** Extra channel-specific codes (e.g. WhatsApp's) merged over the defaults. */
  readonly permanent?: Readonly<Record<number, string>>;
  readonly retryable?: Readonly<Record<number, string>>;
}

interface TwilioErrorFields {
  readonly status?: unknown;
  readonly code?: unknown;
}

/**
 * Maps what the twilio SDK throws to the plugin contract. A RestException carries the HTTP `status`
 * and Twilio's numeric `code`; axios network errors and timeouts carry a string `code` and no status.
 * Order: known codes first, then HTTP status (429/5xx retryable, other 4xx permanent), else retryable.
 */
export function classifyTwilioError(error: unknown, overrides: TwilioCodeOverrides = {}): RetryableError | PermanentError {
  const { status, code } = (typeof error === 'object' && error !== null ? error : {}) as TwilioErrorFields;
  const httpStatus = typeof status === 'number' ? status : undefined;
  const twilioCode = typeof code === 'number' ? code : undefined;
  const failure = { status: httpStatus, providerCode: twilioCode ?? httpStatus ?? (typeof code === 'string' ? code : undefined), cause: error };

  if (twilioCode !== undefined) {
    const permanent = overrides.permanent?.[twilioCode] ?? PERMANENT_TWILIO_CODES[twilioCode];
    if (permanent) return new PermanentError(`Twilio error ${twilioCode}: ${permanent}`, failure);
    const retryable = overrides.retryable?.[twilioCode] ?? RETRYABLE_TWILIO_CODES[twilioCode];
    if (retryable) return new RetryableError(`Twilio error ${twilioCode}: ${retryable}`, failure);
  }
  if (httpStatus !== undefined) {
    if (httpStatus === 429 || httpStatus >= 500) return new RetryableError(`Twilio answered HTTP ${httpStatus}`, failure);
    if (httpStatus >= 400) return new PermanentError(`Twilio rejected the message with HTTP ${httpStatus}${twilioCode ? ` (${twilioCode})` : ''}`, failure);
  }
  return new RetryableError(`Twilio request failed${typeof code === 'string' ? ` (${code})` : ''}`, failure);
}
