/**
 * SendGrid's own Client with its transport over fetch: it must send what the SDK's axios transport
 * sent (the client's headers, base URL and body) and answer as the SDK does (`[Response, body]`, a
 * `ResponseError` for an HTTP error), so MailService and classifySendgridError see no difference.
 */
import net, { type AddressInfo } from 'node:net';
import { type FakeHttpProvider, startFakeHttpProvider } from '@bank/plugin-sdk/testing';
import { MailService } from '@sendgrid/mail';
import { loadSendgridFetchClient } from '../../src/sendgrid-fetch-client';

let server: FakeHttpProvider;
let SendgridFetchClient: Awaited<ReturnType<typeof loadSendgridFetchClient>>;

beforeAll(async () => {
  server = await startFakeHttpProvider(() => ({ status: 202, headers: { 'x-message-id': 'sg-msg-1' } }));
  SendgridFetchClient = await loadSendgridFetchClient();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function clientFor(baseUrl: string, timeoutMs = 1000) {
  const client = new SendgridFetchClient();
  client.setApiKey('SG.test-key');
  client.setDefaultRequest('baseUrl', baseUrl);
  // As the plugin sets it: MailService passes its timeout to the client's default request.
  const mail = new MailService();
  mail.setClient(client);
  mail.setTimeout(timeoutMs);
  return client;
}

describe('SendgridFetchClient', () => {
  it("sends the client's headers and a JSON body to the path under its base URL", async () => {
    const [response, body] = await clientFor(`${server.url}/sendgrid/`).request({ method: 'POST', url: '/v3/mail/send', body: { subject: 'Dépôt' }, qs: { dry: true } });

    expect(response).toMatchObject({ statusCode: 202, body: '', headers: expect.objectContaining({ 'x-message-id': 'sg-msg-1' }) });
    expect(body).toBe('');
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/sendgrid/v3/mail/send?dry=true', body: '{"subject":"Dépôt"}' });
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer SG.test-key',
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': expect.stringMatching(/^sendgrid\/\d+\.\d+\.\d+;nodejs$/),
    });
  });

  it('answers a JSON body parsed and any other body as text', async () => {
    server.script({ status: 200, body: { result: [1] } }, { status: 200, body: 'plain' });
    const client = clientFor(server.url);

    await expect(client.request({ url: '/v3/a' })).resolves.toEqual([expect.objectContaining({ statusCode: 200, body: { result: [1] } }), { result: [1] }]);
    await expect(client.request({ url: '/v3/b' })).resolves.toEqual([expect.objectContaining({ body: 'plain' }), 'plain']);
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it("rejects an HTTP error with SendGrid's ResponseError: the status as code, the parsed body, the headers", async () => {
    server.script({ status: 400, headers: { 'x-request-id': 'r-1' }, body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to' }] } });

    const error = await clientFor(server.url)
      .request({ method: 'POST', url: '/v3/mail/send', body: {} })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'Error', code: 400, response: { headers: expect.objectContaining({ 'x-request-id': 'r-1' }), body: { errors: [expect.objectContaining({ field: 'personalizations.0.to' })] } } });
    expect(String(error)).toContain('Does not contain a valid address.');
  });

  it('follows no redirect: the API key never leaves for another host, and the redirect fails as an HTTP error', async () => {
    const elsewhere = await startFakeHttpProvider(() => ({ status: 202 }));
    try {
      server.script({ status: 307, headers: { location: `${elsewhere.url}/v3/mail/send` } });

      await expect(clientFor(server.url).request({ method: 'POST', url: '/v3/mail/send', body: {} })).rejects.toMatchObject({ code: 307 });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it("gives up after the client's timeout with a network error coded TIMEOUT", async () => {
    server.script({ hang: true });

    await expect(clientFor(server.url, 100).request({ url: '/v3/slow' })).rejects.toMatchObject({ name: 'SendgridNetworkError', code: 'TIMEOUT' });
  });

  it("codes a connection that is refused with the socket's code", async () => {
    // A port that was free a moment ago (fetch refuses to dial port 1 at all, without a socket code).
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));

    await expect(clientFor(`http://127.0.0.1:${port}`).request({ url: '/v3/x' })).rejects.toMatchObject({ name: 'SendgridNetworkError', code: 'ECONNREFUSED' });
  });

  it('calls a callback with the outcome, as the SDK does, and refuses one that is not a function', async () => {
    const client = clientFor(server.url);
    const outcomes: unknown[][] = [];

    await client.request({ url: '/v3/ok' }, (error, response) => outcomes.push([error, response?.[0].statusCode]));
    server.script({ status: 500 });
    await client.request({ url: '/v3/fails' }, (error, response) => outcomes.push([(error as { code?: unknown }).code, response]));

    expect(outcomes).toEqual([
      [null, 202],
      [500, null],
    ]);
    expect(() => client.request({ url: '/v3/x' }, 'not a function' as never)).toThrow('Callback passed is not a function.');
  });
});
