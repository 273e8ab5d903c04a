/**
 * The plugin as a notifier ships it: bundled with this package's prune rules (web-push without
 * its proxy agent). It must still sign, encrypt and send through web-push to the
 * sandbox's push service, which decrypts the message and checks its VAPID signature.
 */
import path from 'node:path';
import type { ChannelPlugin } from '@bank/plugin-sdk';
import { validatePluginConfig } from '@bank/plugin-sdk/config-compiler';
import { loadPrunedPlugin, type BundledPlugin } from '@bank/plugin-sdk/testing';
import { startSandbox, type Sandbox } from '@bank/sandbox';
import { bundling } from '../../src/bundling';

let sandbox: Sandbox;
let bundled: BundledPlugin<{ default: ChannelPlugin<unknown> }>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
  bundled = await loadPrunedPlugin(path.join(__dirname, '..', '..'), bundling.prune);
});

afterAll(async () => {
  await sandbox?.stop();
  await bundled?.cleanup();
});

describe('the plugin bundled with its prune rules', () => {
  it('encrypts and sends a notification the push service decrypts and accepts', async () => {
    const plugin = bundled.module.default;
    const local = plugin.local?.env ?? {};
    const instance = plugin.create(
      validatePluginConfig(plugin, { vapidPublicKey: local.VAPID_PUBLIC_KEY, vapidPrivateKey: local.VAPID_PRIVATE_KEY, subject: 'mailto:alerts@bank.example', caFile: sandbox.caFile }),
    );
    const subscription = (await (await fetch(`${sandbox.url}/api/push/subscriptions`, { method: 'POST', body: JSON.stringify({ applicationServerKey: local.VAPID_PUBLIC_KEY }) })).json()) as {
      endpoint: string;
      keys: { p256dh: string; auth: string };
    };

    try {
      await instance.send({ channel: 'push', to: subscription.endpoint, toAttributes: subscription.keys, title: 'Deposit', body: '$25 in.', idempotencyKey: 'tx-1:push', eventType: 'MoneyDeposited' });
    } finally {
      await instance.close?.();
    }

    expect(sandbox.messages()).toEqual([expect.objectContaining({ channel: 'push', to: subscription.endpoint, body: '$25 in.' })]);
  });
});
