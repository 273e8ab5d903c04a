/**
 * The plugin as a notifier ships it: bundled with this package's prune rules (web-push without
 * its proxy agent, asn1.js without its decoders and bn.js). It must still sign, encrypt and send
 * through web-push to the sandbox's push service, which decrypts the message and checks its VAPID
 * signature.
 */
import path from 'node:path';
import type { ChannelPlugin } from '@bank/plugin-sdk';
import { validatePluginConfig } from '@bank/plugin-sdk/config-compiler';
import { loadPrunedModule, loadPrunedPlugin, type BundledPlugin } from '@bank/plugin-sdk/testing';
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

/** `name` bundled as web-push reaches it, through the same rules, and loaded as Lambda loads a bundle. */
async function withPrunedDependency<M>(name: string, use: (module: M) => void): Promise<void> {
  const pruned = await loadPrunedModule<M>(name, path.dirname(require.resolve('web-push/package.json')), bundling.prune, __dirname);
  try {
    use(pruned.module);
  } finally {
    await pruned.cleanup();
  }
}

describe('what the rules leave out', () => {
  it('is smaller than the unpruned bundle by at least bn.js', async () => {
    expect((await bundled.unprunedBytes()) - bundled.bytes).toBeGreaterThan(40 * 1024);
  });

  it('fails loudly, naming the rule, when code decodes ASN.1 after all', async () => {
    await withPrunedDependency<{ define(name: string, body: (this: { int(): unknown }) => void): { encode(value: number, enc: string): Buffer; decode(data: Buffer, enc: string): unknown } }>('asn1.js', (asn1) => {
      const integer = asn1.define('Integer', function () {
        this.int();
      });

      expect(integer.encode(1, 'der')).toEqual(Buffer.from([2, 1, 1]));
      expect(() => integer.decode(Buffer.from([2, 1, 1]), 'der')).toThrow(/was left out of this bundle \(web-push only encodes ASN\.1/);
    });
  });

  it('fails loudly, naming the rule, when code verifies a JWT after all', async () => {
    await withPrunedDependency<{ sign(options: object): string; verify(signature: string, algorithm: string, secret: string): boolean }>('jws', (jws) => {
      const token = jws.sign({ header: { alg: 'HS256' }, payload: { sub: 'push' }, secret: 'secret' });

      expect(token.split('.')).toHaveLength(3);
      expect(() => jws.verify(token, 'HS256', 'secret')).toThrow(/was left out of this bundle \(web-push only signs JWTs/);
    });
  });
});
