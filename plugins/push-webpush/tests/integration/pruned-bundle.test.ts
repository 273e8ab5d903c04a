/**
 * The plugin as a notifier ships it: bundled with this package's prune rules (no VAPID helper,
 * ASN.1 or JWS library from web-push). It must still encrypt and send through web-push to the
 * sandbox's push service, which decrypts the message and checks its VAPID signature.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ChannelPlugin } from '@bank/plugin-sdk';
import { validatePluginConfig } from '@bank/plugin-sdk/config-compiler';
import { bundlePlugin } from '@bank/plugin-sdk/testing';
import { startSandbox, type Sandbox } from '@bank/sandbox';
import { bundling } from '../../src/bundling';

const PACKAGE_DIR = path.join(__dirname, '..', '..');

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
  dir = await mkdtemp(path.join(PACKAGE_DIR, 'tests', 'integration', '.bundle-'));
});

afterAll(async () => {
  await sandbox?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the plugin bundled with its prune rules', () => {
  it('encrypts and sends a notification the push service decrypts and accepts', async () => {
    const file = path.join(dir, 'pruned.js');
    await bundlePlugin(path.join(PACKAGE_DIR, 'src', 'index.ts'), file, bundling.prune);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, loaded the way Lambda loads it
    const plugin = (require(file) as { default: ChannelPlugin<unknown> }).default;
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
