import { AddressGoneError, PermanentError, RetryableError, type OutboundMessage } from '@bank/plugin-sdk';
import { describePluginConformance } from '@bank/plugin-sdk/testing';
import { startSandbox, type Sandbox } from '@bank/sandbox';
import plugin from '../../src/index';

// The sandbox is the push service: it decrypts what the plugin encrypted (RFC 8291) and checks
// its VAPID signature (RFC 8292), so a captured message proves the whole round trip.
let sandbox: Sandbox;
const LOCAL = plugin.local?.env ?? {};
const baseConfig = () => ({
  vapidPublicKey: LOCAL.VAPID_PUBLIC_KEY,
  vapidPrivateKey: LOCAL.VAPID_PRIVATE_KEY,
  subject: 'mailto:alerts@bank.example',
  caFile: sandbox.caFile,
  timeoutMs: 500,
});

interface Subscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

async function subscribe(applicationServerKey = LOCAL.VAPID_PUBLIC_KEY): Promise<Subscription> {
  const res = await fetch(`${sandbox.url}/api/push/subscriptions`, { method: 'POST', body: JSON.stringify({ applicationServerKey }) });
  return (await res.json()) as Subscription;
}

const messageTo = (subscription: Subscription): OutboundMessage => ({
  channel: 'push',
  to: subscription.endpoint,
  toAttributes: subscription.keys,
  title: 'Withdrawal',
  body: 'Alert: $500 withdrawn from your account. Available balance: $4500.',
  data: { eventType: 'MoneyWithdrawn', accountSuffix: '6789', transactionId: '01HZW', amount: '$500' },
  idempotencyKey: '01HZW:push:sub-1',
  eventType: 'MoneyWithdrawn',
});

async function fault(status: number | undefined, extra: Record<string, number> = {}): Promise<void> {
  await fetch(`${sandbox.url}/api/faults`, { method: 'POST', body: JSON.stringify({ provider: 'webpush', count: 1, ...(status ? { status } : {}), ...extra }) });
}

let sample: Subscription;

describePluginConformance({
  plugin,
  validConfig: { vapidPublicKey: LOCAL.VAPID_PUBLIC_KEY ?? '', vapidPrivateKey: LOCAL.VAPID_PRIVATE_KEY ?? '', subject: 'mailto:a@b.example' },
  invalidConfigs: {
    'no VAPID keys': { subject: 'mailto:a@b.example' },
    'a subject that is not mailto: or https:': { vapidPublicKey: LOCAL.VAPID_PUBLIC_KEY, vapidPrivateKey: LOCAL.VAPID_PRIVATE_KEY, subject: 'alerts' },
    'an unknown urgency': { vapidPublicKey: LOCAL.VAPID_PUBLIC_KEY, vapidPrivateKey: LOCAL.VAPID_PRIVATE_KEY, subject: 'mailto:a@b.example', urgency: 'now' },
  },
  get sampleMessage() {
    return messageTo(sample);
  },
  setup: async () => {
    sandbox = await startSandbox({ port: 0, smtpPort: 0 });
    sample = await subscribe();
    return { config: baseConfig(), teardown: () => sandbox.stop() };
  },
  verifySent: (result) => {
    const [received] = sandbox.messages();
    expect(received).toMatchObject({
      provider: 'webpush',
      channel: 'push',
      to: sample.endpoint,
      title: 'Withdrawal',
      body: 'Alert: $500 withdrawn from your account. Available balance: $4500.',
      data: { eventType: 'MoneyWithdrawn', accountSuffix: '6789', transactionId: '01HZW' },
      ttl: 86_400,
      urgency: 'normal',
    });
    expect(received?.data).not.toHaveProperty('amount');
    expect(result.providerMessageId).toBe(`${sandbox.pushUrl}/message/${received?.providerMessageId ?? ''}`);
  },
  scenarios: {
    retryable: {
      'HTTP 429': async () => (await fault(429), { config: baseConfig(), message: messageTo(sample) }),
      'HTTP 503': async () => (await fault(503), { config: baseConfig(), message: messageTo(sample) }),
      'a push service that does not answer in time': async () => (await fault(undefined, { delayMs: 2000 }), { config: baseConfig(), message: messageTo(sample) }),
    },
    permanent: {
      'HTTP 413': async () => (await fault(413), { config: baseConfig(), message: messageTo(sample) }),
      'a subscription made for another application server key (403)': async () => ({ config: baseConfig(), message: messageTo(await subscribe('BOtherKey')) }),
      'a subscription without keys': () => ({ config: baseConfig(), message: { ...messageTo(sample), toAttributes: {} } }),
    },
  },
});

describe('the plugin against the sandbox push service', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, smtpPort: 0 });
    sample = await subscribe();
  });
  afterAll(() => sandbox.stop());

  const sendOnce = async (message: OutboundMessage) => {
    const instance = plugin.create({ ...baseConfig(), ttlSeconds: 60, urgency: 'high' } as never);
    try {
      return await instance.send(message);
    } catch (error) {
      return error;
    } finally {
      await instance.close?.();
    }
  };

  it.each([404, 410])('is an AddressGoneError on HTTP %i', async (status) => {
    await fault(status);
    const error = await sendOnce(messageTo(sample));
    expect(error).toBeInstanceOf(AddressGoneError);
    expect(error).toMatchObject({ status });
  });

  it('is an AddressGoneError once the browser unsubscribed', async () => {
    const subscription = await subscribe();
    await fetch(`${sandbox.url}/api/push/subscriptions/${subscription.endpoint.split('/').pop() ?? ''}`, { method: 'DELETE' });
    expect(await sendOnce(messageTo(subscription))).toBeInstanceOf(AddressGoneError);
  });

  it('sends TTL and urgency as configured', async () => {
    sandbox.clear();
    await sendOnce(messageTo(sample));
    expect(sandbox.messages()[0]).toMatchObject({ ttl: 60, urgency: 'high' });
  });

  it('fails to start with keys that are not a key pair of the right size', () => {
    expect(() => plugin.create({ ...baseConfig(), vapidPrivateKey: 'A'.repeat(43), vapidPublicKey: 'B'.repeat(87) } as never)).toThrow();
  });

  it('does not trust a self-signed push service it was not told about', async () => {
    const instance = plugin.create({ ...baseConfig(), caFile: '', ttlSeconds: 60, urgency: 'normal' } as never);
    await expect(instance.send(messageTo(sample))).rejects.toBeInstanceOf(RetryableError);
    await instance.close?.();
  });

  it('refuses a payload too large for one push record, before calling anyone', async () => {
    expect(await sendOnce({ ...messageTo(sample), body: 'x'.repeat(5000) })).toBeInstanceOf(PermanentError);
  });
});
