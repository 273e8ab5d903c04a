import { AddressGoneError, PermanentError, RetryableError } from '@bank/plugin-sdk';

/** The status of a push service's answer, when there was one (web-push's WebPushError carries it). */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode } = error as { statusCode?: unknown };
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/**
 * A push service's answer as the platform reads it (RFC 8030 §5, RFC 8292):
 * 404/410 → the subscription is gone (`AddressGoneError`, the host forgets it);
 * 413 → the payload is too large, permanently; 429 and 5xx → try again later;
 * other 4xx (a refused VAPID signature, a malformed request) → permanent;
 * no answer at all (timeout, refused connection, TLS failure) → try again later.
 */
export function classifyPushError(error: unknown): AddressGoneError | PermanentError | RetryableError {
  const status = statusOf(error);
  if (status === undefined) {
    const code = (error as { code?: unknown } | null)?.code;
    return new RetryableError(`push service request failed without an answer${typeof code === 'string' ? ` (${code})` : ''}`, {
      ...(typeof code === 'string' ? { providerCode: code } : {}),
      cause: error,
    });
  }
  const failure = { status, providerCode: status, cause: error };
  if (status === 404 || status === 410) return new AddressGoneError(`push subscription is gone (HTTP ${status})`, failure);
  if (status === 429 || status >= 500) return new RetryableError(`push service answered HTTP ${status}`, failure);
  if (status === 413) return new PermanentError('push payload is too large for the push service (HTTP 413)', failure);
  return new PermanentError(`push service refused the message with HTTP ${status}`, failure);
}
