import { smsTwilioPlugin } from '@bank/plugin-sms-twilio';
import type { OutboundMessage } from '@bank/plugin-sdk';
import { describePluginConformance, type FakeHttpProvider, startFakeHttpProvider } from '@bank/plugin-sdk/testing';
import plugin from '../../src/index';

const ACCOUNT_SID = `AC${'c'.repeat(32)}`;
const CONTENT_SID = `HX${'d'.repeat(32)}`;
let fake: FakeHttpProvider;
const message: OutboundMessage = {
  channel: 'whatsapp',
  to: '+15551234567',
  body: 'Alert: $500 withdrawn from your account. Available balance: $4500.',
  variables: { amount: '$500', balance: '$4500' },
  idempotencyKey: 'tx-1:whatsapp',
  eventType: 'MoneyWithdrawn',
};
const validConfig = { accountSid: ACCOUNT_SID, authToken: 'secret', from: 'whatsapp:+15550000000' };
const twilioError = (status: number, code: number) => ({ status, body: { status, code, message: `error ${code}` } });
const sandboxConfig = () => ({ ...validConfig, baseUrl: fake.url, timeoutMs: 250 });
const scripted = (...responses: Parameters<FakeHttpProvider['script']>) => () => {
  fake.script(...responses);
  return { config: sandboxConfig(), message };
};
const paramsOf = (provider: FakeHttpProvider) => Object.fromEntries(new URLSearchParams(provider.requests.at(-1)?.body));

describePluginConformance({
  plugin,
  validConfig,
  invalidConfigs: {
    'no authToken': { accountSid: ACCOUNT_SID, from: '+15550000000' },
    'a from that is not a WhatsApp number': { ...validConfig, from: 'whatsapp:555' },
    'a template without contentSid': { ...validConfig, templates: { MoneyWithdrawn: {} } },
    'a contentSid that is not an HX sid': { ...validConfig, templates: { MoneyWithdrawn: { contentSid: 'abc' } } },
  },
  sampleMessage: message,
  setup: async () => {
    fake = await startFakeHttpProvider(() => ({ status: 201, body: { sid: 'SMwhatsapp1', status: 'queued' } }));
    return { config: { baseUrl: fake.url }, teardown: () => fake.close() };
  },
  verifySent: (result) => {
    expect(result.providerMessageId).toBe('SMwhatsapp1');
    expect(fake.requests.at(-1)?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(paramsOf(fake)).toEqual({ To: 'whatsapp:+15551234567', From: 'whatsapp:+15550000000', Body: message.body });
  },
  scenarios: {
    retryable: {
      'HTTP 429 (20429)': scripted(twilioError(429, 20429)),
      'HTTP 503': scripted({ status: 503 }),
      '63018 WhatsApp rate limit': scripted(twilioError(400, 63018)),
      'a response slower than timeoutMs': scripted({ hang: true }),
    },
    permanent: {
      '21211 invalid number': scripted(twilioError(400, 21211)),
      '63016 outside the 24 hour window': scripted(twilioError(400, 63016)),
      'a recipient that is not E.164': () => ({ config: sandboxConfig(), message: { ...message, to: 'not-a-number' } }),
    },
  },
});

describe('whatsapp-twilio plugin', () => {
  let server: FakeHttpProvider;
  beforeAll(async () => {
    server = await startFakeHttpProvider(() => ({ status: 201, body: { sid: 'SM2' } }));
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());
  const create = (overrides: Record<string, unknown> = {}) =>
    plugin.create({ ...validConfig, baseUrl: server.url, timeoutMs: 1000, templates: {}, publicApiUrl: '', ...overrides });

  it('sends the configured content template with the message variables instead of the body', async () => {
    await create({ templates: { MoneyWithdrawn: { contentSid: CONTENT_SID } } }).send(message);

    expect(paramsOf(server)).toEqual({
      To: 'whatsapp:+15551234567',
      From: 'whatsapp:+15550000000',
      ContentSid: CONTENT_SID,
      ContentVariables: JSON.stringify({ amount: '$500', balance: '$4500' }),
    });
  });

  it('sends the plain body for an event type without a template', async () => {
    await create({ templates: { MoneyDeposited: { contentSid: CONTENT_SID } } }).send(message);

    expect(paramsOf(server)).toMatchObject({ Body: message.body });
    expect(paramsOf(server)).not.toHaveProperty('ContentSid');
  });

  it('asks for status callbacks at the shared Twilio webhook when a public URL is configured', async () => {
    await create({ publicApiUrl: 'https://api.example.com/v1' }).send(message);
    expect(new URLSearchParams(server.requests.at(-1)?.body).get('StatusCallback')).toBe('https://api.example.com/v1/webhooks/twilio?notificationKey=tx-1%3Awhatsapp#rc=3&rp=5xx,ct,rt');
  });

  it('declares the same status callbacks as the SMS plugin (one webhook per Twilio account), whose reports carry the notification key', () => {
    expect(plugin.callbacks).toBe(smsTwilioPlugin.callbacks);
    expect(plugin.statusReportsCarryKey).toBe(true);
  });

  it('prefixes a bare E.164 sender with whatsapp:', async () => {
    await create({ from: '+15550000000' }).send(message);

    expect(paramsOf(server).From).toBe('whatsapp:+15550000000');
  });

  it('refuses an invalid recipient without calling Twilio', async () => {
    await expect(create().send({ ...message, to: '12' })).rejects.toMatchObject({ name: 'PermanentError', providerCode: 'INVALID_TO' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('outside the local stack', () => {
  const problems = (baseUrl: string) => plugin.productionProblems?.({ ...validConfig, baseUrl, timeoutMs: 1000, templates: {}, publicApiUrl: '' }) ?? [];

  it("accepts only Twilio's own API over https: the credentials go nowhere else", () => {
    expect(problems('https://api.twilio.com')).toEqual([]);
    expect(problems('http://api.twilio.com')).toEqual(['baseUrl must be https on api.twilio.com']);
    expect(problems('http://127.0.0.1:4010')).toHaveLength(1);
  });
});
