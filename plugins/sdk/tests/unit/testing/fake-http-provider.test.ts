import { startFakeHttpProvider } from '../../../src/testing/index';

describe('startFakeHttpProvider', () => {
  it('captures requests and answers from the script, then from the default', async () => {
    const fake = await startFakeHttpProvider(() => ({ status: 202, headers: { 'x-message-id': 'm1' } }));
    try {
      fake.script({ status: 429, body: { error: 'slow down' } });

      const first = await fetch(`${fake.url}/v3/mail/send`, { method: 'POST', body: '{"a":1}' });
      const second = await fetch(`${fake.url}/v3/mail/send`, { method: 'POST', body: '{"a":2}' });

      expect([first.status, await first.json()]).toEqual([429, { error: 'slow down' }]);
      expect([second.status, second.headers.get('x-message-id')]).toEqual([202, 'm1']);
      expect(fake.requests.map((request) => [request.method, request.url, request.body])).toEqual([
        ['POST', '/v3/mail/send', '{"a":1}'],
        ['POST', '/v3/mail/send', '{"a":2}'],
      ]);
    } finally {
      await fake.close();
    }
  });

  it('can leave a request hanging and still close promptly', async () => {
    const fake = await startFakeHttpProvider(() => ({ hang: true }));

    await expect(fetch(fake.url, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await fake.close();

    expect(fake.requests).toHaveLength(1);
  });
});
