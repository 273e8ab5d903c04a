import { PermanentError, RetryableError } from '@bank/plugin-sdk';

/** SendGrid's ResponseError carries the HTTP status in `code`; a SendgridNetworkError carries a string `code`. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, response } = error as { code?: unknown; response?: unknown };
  return typeof code === 'number' && typeof response === 'object' && response !== null ? code : undefined;
}

/**
 * 429 and 5xx → retryable (SendGrid is busy or down); any other HTTP error → permanent (bad
 * request, bad key, unverified sender, a redirect the client does not follow); no HTTP answer at all (timeout, refused, reset) → retryable.
 */
export function classifySendgridError(error: unknown): RetryableError | PermanentError {
  const status = httpStatusOf(error);
  if (status === undefined) {
    const code = (error as { code?: unknown } | null)?.code;
    return new RetryableError(`SendGrid request failed without an answer${typeof code === 'string' ? ` (${code})` : ''}`, {
      providerCode: typeof code === 'string' ? code : undefined,
      cause: error,
    });
  }
  const failure = { status, providerCode: status, cause: error };
  if (status === 429 || status >= 500) return new RetryableError(`SendGrid answered HTTP ${status}`, failure);
  return new PermanentError(`SendGrid rejected the message with HTTP ${status}`, failure);
}
