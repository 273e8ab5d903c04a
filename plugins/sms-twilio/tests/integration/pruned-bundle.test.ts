/**
 * The plugin as a notifier ships it: bundled with this package's prune rules, so only the
 * Messages resource of the `twilio` package (and no axios) is in the bundle. It must still send
 * through the real SDK code, to the provider sandbox, and say so loudly if pruned code is reached.
 * The delivery-status function bundles the plugin with the same rules: the pruned bundle must still
 * verify status callbacks with the SDK's `validateRequest`.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { readCallback, type ChannelPlugin, type PluginInstance, type StatusCallbacks } from '@bank/plugin-sdk';
import { createCallbackReader, validatePluginConfig } from '@bank/plugin-sdk/config-compiler';
import { loadPrunedPlugin, type BundledPlugin } from '@bank/plugin-sdk/testing';
import { startSandbox, type Sandbox } from '@bank/sandbox';
import { bundling } from '../../src/bundling';

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

interface PluginModule {
  readonly default: ChannelPlugin<unknown>;
  readonly twilioCallbacks: StatusCallbacks<never>;
  readonly createTwilioClient: (options: { accountSid: string; authToken: string; baseUrl: string; timeoutMs: number }) => { readonly calls: unknown };
}

let sandbox: Sandbox;
let bundled: BundledPlugin<PluginModule>;
let instance: PluginInstance;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
  bundled = await loadPrunedPlugin<PluginModule>(path.join(__dirname, '..', '..'), bundling.prune);
  const plugin = bundled.module.default;
  instance = plugin.create(validatePluginConfig(plugin, { accountSid: ACCOUNT_SID, authToken: 'local-auth-token', from: '+15005550006', baseUrl: sandbox.url }));
});

afterAll(async () => {
  await sandbox?.stop();
  await bundled?.cleanup();
});

describe('the plugin bundled with its prune rules', () => {
  it('sends an SMS through the real SDK code to the sandbox', async () => {
    const result = await instance.send({ channel: 'sms', to: '+15551230001', body: 'Deposit: $25 in.', idempotencyKey: 'tx-1:sms', eventType: 'MoneyDeposited' });

    expect(result.providerMessageId).toMatch(/^SM/);
    expect(sandbox.messages()).toEqual([expect.objectContaining({ channel: 'sms', provider: 'twilio', to: '+15551230001', body: 'Deposit: $25 in.' })]);
  });

  it('verifies a signed status callback through the SDK\'s validateRequest, and refuses a forged one', () => {
    const url = 'https://api.example.com/v1/webhooks/twilio';
    const params = { MessageSid: `SM${'a1'.repeat(16)}`, MessageStatus: 'delivered' };
    const signed = (token: string) => ({
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': createHmac('sha1', token).update(`${url}MessageSid${params.MessageSid}MessageStatusdelivered`).digest('base64') },
      rawBody: new URLSearchParams(params).toString(),
      now: new Date('2026-11-24T10:00:00.000Z'),
    });
    const reader = createCallbackReader(bundled.module.twilioCallbacks, { authToken: 'local-auth-token' });

    expect(readCallback(reader, signed('local-auth-token'))).toEqual([expect.objectContaining({ providerMessageId: params.MessageSid, status: 'DELIVERED' })]);
    expect(() => readCallback(reader, signed('another-token'))).toThrow(expect.objectContaining({ name: 'CallbackVerificationError' }));
  });

  it('is a fraction of the unpruned bundle', async () => {
    expect(bundled.bytes).toBeLessThan((await bundled.unprunedBytes()) / 4);
  });

  it('fails loudly, naming the rule, when code reaches a product that was left out', () => {
    const client = bundled.module.createTwilioClient({ accountSid: ACCOUNT_SID, authToken: 'x', baseUrl: sandbox.url, timeoutMs: 1000 });

    expect(() => client.calls).toThrow(/was left out of this bundle \(the Twilio plugins call only api\.v2010\.account\.messages/);
  });
});
