/**
 * The plugin as a notifier ships it: bundled with its prune rules (no axios under
 * `@sendgrid/client`) and its notifier-only rules (no Event Webhook verifier). It must still send
 * through the SendGrid packages, and reaching the SDK's own transport or verifying a callback there
 * must fail loudly, naming the rule.
 */
import path from 'node:path';
import type { ChannelPlugin, StatusCallbacks } from '@bank/plugin-sdk';
import { type BundledPlugin, type FakeHttpProvider, loadPrunedModule, loadPrunedPlugin, startFakeHttpProvider } from '@bank/plugin-sdk/testing';
import { bundling } from '../../src/bundling';

let provider: FakeHttpProvider;
let bundled: BundledPlugin<{ default: ChannelPlugin<unknown>; sendgridCallbacks: StatusCallbacks<{ publicKey: string; toleranceSeconds: number }> }>;

beforeAll(async () => {
  provider = await startFakeHttpProvider(() => ({ status: 202, headers: { 'x-message-id': 'sg-msg-1' } }));
  bundled = await loadPrunedPlugin(path.join(__dirname, '..', '..'), [...bundling.prune, ...(bundling.notifierPrune ?? [])]);
});

afterAll(async () => {
  await provider?.close();
  await bundled?.cleanup();
});

describe('the plugin bundled for a notifier', () => {
  it('sends a mail through the SendGrid packages', async () => {
    const instance = bundled.module.default.create({ apiKey: 'SG.test-key', from: 'bank@example.com', baseUrl: provider.url, timeoutMs: 1000 });

    await expect(
      instance.send({ channel: 'email', to: 'owner@example.com', subject: 'Deposit', body: '$25 in.', idempotencyKey: 'tx-1:email', eventType: 'MoneyDeposited' }),
    ).resolves.toEqual({ providerMessageId: 'sg-msg-1' });
    expect(JSON.parse(provider.requests.at(-1)?.body ?? '{}')).toMatchObject({ personalizations: [{ to: [{ email: 'owner@example.com' }] }], content: [{ type: 'text/plain', value: '$25 in.' }] });
  });

  it('is smaller than the unpruned bundle by at least axios and the verifier (starkbank-ecdsa, big-integer)', async () => {
    expect((await bundled.unprunedBytes()) - bundled.bytes).toBeGreaterThan(170 * 1024);
  });

  it("fails loudly, naming the rule, when a request goes through the SDK's own transport after all", async () => {
    const pruned = await loadPrunedModule<{ Client: new () => { request(data: { url: string }): Promise<unknown> } }>('@sendgrid/client', path.join(__dirname, '..', '..'), bundling.prune, __dirname);
    try {
      await expect(new pruned.module.Client().request({ url: '/v3/mail/send' })).rejects.toThrow(/^axios was left out of this bundle \(the SendGrid plugin's client sends over fetch/);
    } finally {
      await pruned.cleanup();
    }
  });

  it('fails loudly, naming the rule, when it verifies a callback after all', () => {
    const reader = bundled.module.sendgridCallbacks.create({ publicKey: 'k'.repeat(40), toleranceSeconds: 300 });
    const now = new Date();
    const headers = { 'x-twilio-email-event-webhook-signature': 'c2lnbmF0dXJl', 'x-twilio-email-event-webhook-timestamp': String(Math.floor(now.getTime() / 1000)) };

    expect(() => reader.verify({ url: 'https://example.com/webhooks/sendgrid', headers, rawBody: '[]', now })).toThrow(
      expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(/^starkbank-ecdsa was left out of this bundle \(a notifier never verifies/) }) }),
    );
  });
});
