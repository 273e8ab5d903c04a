/**
 * When a provider posts a status callback again. What failed: `4xx`/`5xx` answers, `ct` no
 * connection (refused, reset), `rt` no answer in time — Twilio's names for them (its connection
 * overrides' `rp`).
 */
export type CallbackFailure = '4xx' | '5xx' | 'ct' | 'rt';

export interface RetryPolicy {
  /** Posts after the first, at most. */
  readonly retries: number;
  /** The failures that are retried; any other ends the callback. */
  readonly on: ReadonlySet<CallbackFailure>;
}

/** Where a callback goes and how it is retried, or why it cannot be sent (the provider refuses the URL). */
export type CallbackTarget = { readonly url: string; readonly policy: RetryPolicy } | { readonly url: string; readonly invalid: string };

/**
 * SendGrid retries an Event Webhook post that failed for up to 24 hours. The sandbox retries the
 * failures that can pass later (5xx, no connection, no answer) a few times, seconds apart: a 4xx
 * from the bank's API is final (the same body gets the same answer).
 */
export const SENDGRID_RETRY_POLICY: RetryPolicy = { retries: 3, on: new Set(['5xx', 'ct', 'rt']) };

/** Twilio without connection overrides: one more try when it could not connect, nothing else. */
export const TWILIO_DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 1, on: new Set(['ct']) };

/** The most retries Twilio's `rc` allows. */
export const TWILIO_MAX_RETRIES = 5;

const TWILIO_RETRY_POLICIES: Readonly<Record<string, readonly CallbackFailure[]>> = {
  '4xx': ['4xx'],
  '5xx': ['5xx'],
  ct: ['ct'],
  rt: ['rt'],
  all: ['4xx', '5xx', 'ct', 'rt'],
};

/**
 * A Twilio StatusCallback → where it is posted (the URL without its fragment, which no HTTP
 * request carries) and its retries: Twilio reads connection overrides from the fragment,
 * `#rc=<0–5 retries>&rp=<4xx|5xx|ct|rt|all, comma-separated>` (its other overrides, timeouts and
 * edge, are accepted and not emulated). Overrides Twilio refuses (its error 11243 for `rp`) → `invalid`.
 *
 * @example twilioCallbackTarget('https://api.example.com/v1/webhooks/twilio?k=1#rc=3&rp=5xx,ct')
 * // { url: 'https://api.example.com/v1/webhooks/twilio?k=1', policy: { retries: 3, on: Set{'5xx','ct'} } }
 */
export function twilioCallbackTarget(statusCallback: string): CallbackTarget {
  const hash = statusCallback.indexOf('#');
  if (hash < 0) return { url: statusCallback, policy: TWILIO_DEFAULT_RETRY_POLICY };
  const url = statusCallback.slice(0, hash);
  const overrides = new URLSearchParams(statusCallback.slice(hash + 1));
  const rc = overrides.get('rc');
  const rp = overrides.get('rp');
  let retries = TWILIO_DEFAULT_RETRY_POLICY.retries;
  if (rc !== null) {
    if (!/^\d$/.test(rc) || Number(rc) > TWILIO_MAX_RETRIES) return { url, invalid: `rc must be 0 to ${TWILIO_MAX_RETRIES}` };
    retries = Number(rc);
  }
  let on = TWILIO_DEFAULT_RETRY_POLICY.on;
  if (rp !== null) {
    const names = rp.split(',');
    const unknown = names.find((name) => TWILIO_RETRY_POLICIES[name] === undefined);
    if (unknown !== undefined) return { url, invalid: `rp has an unknown retry policy: ${unknown.slice(0, 16)}` };
    on = new Set(names.flatMap((name) => TWILIO_RETRY_POLICIES[name] ?? []));
  }
  return { url, policy: { retries, on } };
}

/**
 * What failed in one post: its HTTP status when it was answered, else the fetch error's name
 * (`TimeoutError`: no answer in time); undefined for a 2xx (or a 3xx, which providers do not follow).
 */
export function callbackFailure(outcome: { readonly httpStatus?: number; readonly error?: string }): CallbackFailure | undefined {
  if (outcome.httpStatus !== undefined) {
    if (outcome.httpStatus >= 500) return '5xx';
    return outcome.httpStatus >= 400 ? '4xx' : undefined;
  }
  return outcome.error === 'TimeoutError' ? 'rt' : 'ct';
}
