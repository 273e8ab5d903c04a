import type { OutboundMessage } from '@bank/plugin-sdk';
import { describePluginConformance, type FakeHttpProvider, startFakeHttpProvider } from '@bank/plugin-sdk/testing';
import plugin from '../../src/index';

const ACCOUNT_SID = `AC${'a'.repeat(32)}`;
const SERVICE_SID = `MG${'b'.repeat(32)}`;
let fake: FakeHttpProvider;
const message: OutboundMessage = {
  channel: 'sms',
  to: '+15551234567',
  body: 'Alert: $500 withdrawn from your account. Available balance: $4500.',
  idempotencyKey: 'tx-1:sms',
  eventType: 'MoneyWithdrawn',
};
const validConfig = { accountSid: ACCOUNT_SID, authToken: 'secret', from: '+15550000000' };
const twilioError = (status: number, code: number) => ({ status, body: { status, code, message: `error ${code}`, more_info: `https://www.twilio.com/docs/errors/${code}` } });
const sandboxConfig = () => ({ ...validConfig, baseUrl: fake.url, timeoutMs: 250 });
const scripted = (...responses: Parameters<FakeHttpProvider['script']>) => () => {
  fake.script(...responses);
  return { config: sandboxConfig(), message };
};

describePluginConformance({
  plugin,
  validConfig,
  invalidConfigs: {
    'no accountSid': { authToken: 'x', from: '+15550000000' },
    'an accountSid that is not an AC sid': { ...validConfig, accountSid: 'MG123' },
    'neither from nor messagingServiceSid': { accountSid: ACCOUNT_SID, authToken: 'x' },
    'a from that is not E.164': { ...validConfig, from: '555-0000' },
    'a baseUrl that is not a URL': { ...validConfig, baseUrl: 'sandbox' },
  },
  sampleMessage: message,
  setup: async () => {
    fake = await startFakeHttpProvider(() => ({ status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } }));
    return { config: { baseUrl: fake.url }, teardown: () => fake.close() };
  },
  verifySent: (result) => {
    const request = fake.requests.at(-1);
    expect(result.providerMessageId).toBe('SM0123456789abcdef0123456789abcdef');
    expect(request?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({ To: '+15551234567', From: '+15550000000', Body: message.body });
  },
  scenarios: {
    retryable: {
      'HTTP 429 (20429)': scripted(twilioError(429, 20429)),
      'HTTP 500': scripted({ status: 500, body: 'oops' }),
      'HTTP 503 (20503)': scripted(twilioError(503, 20503)),
      'a response slower than timeoutMs': scripted({ hang: true }),
      'a refused connection': () => ({ config: { ...sandboxConfig(), baseUrl: 'http://127.0.0.1:1' }, message }),
    },
    permanent: {
      '21211 invalid number': scripted(twilioError(400, 21211)),
      '21610 unsubscribed recipient': scripted(twilioError(400, 21610)),
      '21614 not a mobile number': scripted(twilioError(400, 21614)),
      '21408 region not enabled': scripted(twilioError(400, 21408)),
      'an unknown 4xx': scripted(twilioError(400, 21999)),
      'a recipient that is not E.164': () => ({ config: sandboxConfig(), message: { ...message, to: '5551234567' } }),
    },
  },
});

describe('sms-twilio plugin', () => {
  let server: FakeHttpProvider;
  beforeAll(async () => {
    server = await startFakeHttpProvider(() => ({ status: 201, body: { sid: 'SM1' } }));
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());
  const create = (overrides: Record<string, unknown> = {}) =>
    plugin.create({ ...validConfig, baseUrl: server.url, timeoutMs: 1000, maxSegments: 10, publicApiUrl: '', ...overrides });

  it('asks Twilio for status callbacks at the public URL, carrying the notification key, when one is configured', async () => {
    await create({ publicApiUrl: 'https://api.example.com/v1/' }).send(message);
    expect(new URLSearchParams(server.requests.at(-1)?.body).get('StatusCallback')).toBe('https://api.example.com/v1/webhooks/twilio?notificationKey=tx-1%3Asms#rc=3&rp=5xx,ct,rt');
  });

  it('URL-encodes the notification key in the status callback URL', async () => {
    await create({ publicApiUrl: 'https://api.example.com/v1' }).send({ ...message, idempotencyKey: 'tx 1:sms:a&b=c' });
    const callback = new URL(new URLSearchParams(server.requests.at(-1)?.body).get('StatusCallback') ?? '');
    expect(callback.search).toBe('?notificationKey=tx+1%3Asms%3Aa%26b%3Dc');
    expect(callback.searchParams.get('notificationKey')).toBe('tx 1:sms:a&b=c');
  });

  it('declares that its status reports carry the notification key', () => {
    expect(plugin.statusReportsCarryKey).toBe(true);
  });

  it('asks for no status callback without a public URL', async () => {
    await create().send(message);
    expect(new URLSearchParams(server.requests.at(-1)?.body).has('StatusCallback')).toBe(false);
  });

  it('refuses an invalid recipient without calling Twilio', async () => {
    await expect(create().send({ ...message, to: '+0123' })).rejects.toMatchObject({ name: 'PermanentError', providerCode: 'INVALID_TO' });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a body longer than maxSegments without calling Twilio', async () => {
    await expect(create({ maxSegments: 1 }).send({ ...message, body: 'x'.repeat(161) })).rejects.toMatchObject({ providerCode: 'TOO_LONG' });
    expect(server.requests).toHaveLength(0);
  });

  it('sends through a Messaging Service when one is configured', async () => {
    await create({ from: undefined, messagingServiceSid: SERVICE_SID }).send(message);

    const params = new URLSearchParams(server.requests[0]?.body);
    expect(params.get('MessagingServiceSid')).toBe(SERVICE_SID);
    expect(params.has('From')).toBe(false);
  });

  it('keeps the Twilio code and HTTP status on the error', async () => {
    server.script(twilioError(400, 21610));

    await expect(create().send(message)).rejects.toMatchObject({ name: 'PermanentError', providerCode: 21610, status: 400 });
  });
});

describe('outside the local stack', () => {
  const problems = (baseUrl: string) => plugin.productionProblems?.({ ...validConfig, baseUrl, timeoutMs: 1000, maxSegments: 3, publicApiUrl: '' }) ?? [];

  it('wants status callbacks over https only', () => {
    const withCallbacks = (publicApiUrl: string) => plugin.productionProblems?.({ ...validConfig, baseUrl: 'https://api.twilio.com', timeoutMs: 1000, maxSegments: 3, publicApiUrl }) ?? [];
    expect(withCallbacks('https://api.example.com/v1')).toEqual([]);
    expect(withCallbacks('')).toEqual([]);
    expect(withCallbacks('http://api.example.com/v1')).toEqual(['publicApiUrl must be https']);
  });

  it("accepts only Twilio's own API over https: the credentials go nowhere else", () => {
    expect(problems('https://api.twilio.com')).toEqual([]);
    expect(problems('http://api.twilio.com')).toEqual(['baseUrl must be https on api.twilio.com']);
    expect(problems('http://127.0.0.1:4010')).toHaveLength(1);
  });
});
