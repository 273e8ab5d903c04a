import { fetchFailureCode } from '../../src/fetch-failure';

describe('fetchFailureCode', () => {
  it('codes a timed-out or aborted request TIMEOUT', async () => {
    const timedOut = await fetch('http://127.0.0.1:9', { signal: AbortSignal.abort(new DOMException('late', 'TimeoutError')) }).catch((e: unknown) => e);
    const aborted = await fetch('http://127.0.0.1:9', { signal: AbortSignal.abort() }).catch((e: unknown) => e);

    expect(fetchFailureCode(timedOut)).toBe('TIMEOUT');
    expect(fetchFailureCode(aborted)).toBe('TIMEOUT');
  });

  it("gives a socket failure's own code, from fetch's TypeError cause", () => {
    expect(fetchFailureCode(new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNRESET' }) }))).toBe('ECONNRESET');
  });

  it('codes anything else NETWORK_ERROR', () => {
    expect(fetchFailureCode(new TypeError('fetch failed', { cause: new Error('bad port') }))).toBe('NETWORK_ERROR');
    expect(fetchFailureCode('a string')).toBe('NETWORK_ERROR');
    expect(fetchFailureCode(null)).toBe('NETWORK_ERROR');
  });
});
