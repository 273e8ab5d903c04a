/**
 * Why a `fetch` got no answer, as the code a plugin's error classifier reads: `TIMEOUT` for an
 * aborted or timed-out request, else the socket's code (`ECONNREFUSED`, `ECONNRESET`…) or
 * `NETWORK_ERROR`. By shape, not class: fetch's errors may come from another realm (DOMException,
 * undici's TypeError).
 *
 * @example catch (error) { throw new ProviderNetworkError(fetchFailureCode(error), { cause: error }); }
 */
export function fetchFailureCode(error: unknown): string {
  const { name, cause } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; cause?: { code?: unknown } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'TIMEOUT';
  return typeof cause?.code === 'string' ? cause.code : 'NETWORK_ERROR';
}
