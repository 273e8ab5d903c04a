import type { OutboundMessage } from '@bank/plugin-sdk';
import { describePluginConformance, type FakeHttpProvider, startFakeHttpProvider } from '@bank/plugin-sdk/testing';
import plugin from '../../src/index';

let fake: FakeHttpProvider;
const message: OutboundMessage = {
  channel: 'email',
  to: 'owner@example.com',
  subject: 'Transaction Confirmation',
  body: 'Your deposit of $1000 was successful. Your new balance is $5000.',
  idempotencyKey: 'tx-1:email',
  eventType: 'MoneyDeposited',
};
const validConfig = { apiKey: 'SG.test-key', from: 'bank@example.com' };
const against = (url: string) => () => ({ config: { ...validConfig, baseUrl: url, timeoutMs: 250 }, message });
const scripted = (...responses: Parameters<FakeHttpProvider['script']>) => () => {
  fake.script(...responses);
  return against(fake.url)();
};

describePluginConformance({
  plugin,
  validConfig,
  invalidConfigs: {
    'no apiKey': { from: 'bank@example.com' },
    'a from that is not an email address': { ...validConfig, from: 'bank' },
    'a baseUrl that is not a URL': { ...validConfig, baseUrl: 'localhost:4010' },
    'a negative timeout': { ...validConfig, timeoutMs: -1 },
    'an unknown property': { ...validConfig, region: 'eu' },
  },
  sampleMessage: message,
  setup: async () => {
    fake = await startFakeHttpProvider(() => ({ status: 202, headers: { 'x-message-id': 'sg-msg-1' } }));
    return { config: { baseUrl: fake.url }, teardown: () => fake.close() };
  },
  verifySent: (result) => {
    const request = fake.requests.at(-1);
    expect(result.providerMessageId).toBe('sg-msg-1');
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v3/mail/send');
    expect(request?.headers.authorization).toBe('Bearer SG.test-key');
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      from: { email: 'bank@example.com' },
      subject: 'Transaction Confirmation',
      personalizations: [{ to: [{ email: 'owner@example.com' }] }],
      content: [{ type: 'text/plain', value: message.body }],
      custom_args: { idempotencyKey: 'tx-1:email', eventType: 'MoneyDeposited' },
    });
  },
  scenarios: {
    retryable: {
      'HTTP 429': scripted({ status: 429, body: { errors: [{ message: 'too many requests' }] } }),
      'HTTP 500': scripted({ status: 500 }),
      'HTTP 503': scripted({ status: 503 }),
      'a response slower than timeoutMs': scripted({ hang: true }),
      'a refused connection': against('http://127.0.0.1:1'),
    },
    permanent: {
      'HTTP 400 (invalid request)': scripted({ status: 400, body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to' }] } }),
      'HTTP 401 (bad API key)': scripted({ status: 401 }),
      'HTTP 403 (unverified sender)': scripted({ status: 403 }),
    },
  },
});

describe('sendgrid plugin', () => {
  let server: FakeHttpProvider;
  beforeAll(async () => {
    server = await startFakeHttpProvider(() => ({ status: 202 }));
  });
  afterAll(() => server.close());

  it('falls back to an id derived from the idempotency key when SendGrid omits x-message-id', async () => {
    const instance = plugin.create({ ...validConfig, baseUrl: server.url, timeoutMs: 1000 });

    await expect(instance.send(message)).resolves.toEqual({ providerMessageId: 'sendgrid:tx-1:email' });
  });

  it('keeps instances independent: each one talks to its own base URL', async () => {
    const other = await startFakeHttpProvider(() => ({ status: 202, headers: { 'x-message-id': 'other' } }));
    try {
      const first = plugin.create({ ...validConfig, baseUrl: server.url, timeoutMs: 1000 });
      const second = plugin.create({ ...validConfig, baseUrl: other.url, timeoutMs: 1000 });

      await second.send(message);
      await first.send(message);

      expect(other.requests).toHaveLength(1);
      expect(server.requests.length).toBeGreaterThanOrEqual(2);
    } finally {
      await other.close();
    }
  });

  it('reports the HTTP status as the provider code of a rejection', async () => {
    server.script({ status: 413 });
    const instance = plugin.create({ ...validConfig, baseUrl: server.url, timeoutMs: 1000 });

    await expect(instance.send(message)).rejects.toMatchObject({ name: 'PermanentError', status: 413, providerCode: 413 });
  });
});

describe('sendgrid plugin outside the local stack', () => {
  const problems = (baseUrl: string) => plugin.productionProblems?.({ ...validConfig, baseUrl, timeoutMs: 1000 }) ?? [];

  it('declares that its status reports carry the notification key (the echoed custom argument)', () => {
    expect(plugin.statusReportsCarryKey).toBe(true);
  });

  it("accepts only SendGrid's own API over https", () => {
    expect(problems('https://api.sendgrid.com')).toEqual([]);
    expect(problems('https://api.eu.sendgrid.com')).toEqual([]);
    expect(problems('http://api.sendgrid.com')).toEqual(['baseUrl must be https on api.sendgrid.com or api.eu.sendgrid.com']);
    expect(problems('http://127.0.0.1:4010')).toHaveLength(1);
    expect(problems('https://api.sendgrid.com.example.net')).toHaveLength(1);
  });
});
