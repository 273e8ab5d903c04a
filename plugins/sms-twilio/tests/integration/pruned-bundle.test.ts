/**
 * The plugin as a notifier ships it: bundled by esbuild with this package's prune rules, so only
 * the Messages resource of the `twilio` package (and no axios) is in the bundle. It must still send through the
 * real SDK code, to the provider sandbox, and say so loudly if pruned code is ever reached.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ChannelPlugin, PluginInstance } from '@bank/plugin-sdk';
import { validatePluginConfig } from '@bank/plugin-sdk/config-compiler';
import { bundlePlugin } from '@bank/plugin-sdk/testing';
import { startSandbox, type Sandbox } from '@bank/sandbox';
import { bundling } from '../../src/bundling';

const PACKAGE_DIR = path.join(__dirname, '..', '..');
const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

interface BundledModule {
  readonly default: ChannelPlugin<unknown>;
  readonly createTwilioClient: (options: { accountSid: string; authToken: string; baseUrl: string; timeoutMs: number }) => { readonly calls: { list(): Promise<unknown> } };
}

let sandbox: Sandbox;
let dir: string;

async function bundle(pruned: boolean): Promise<{ file: string; bytes: number }> {
  const file = path.join(dir, pruned ? 'pruned.js' : 'full.js');
  const { bytes } = await bundlePlugin(path.join(PACKAGE_DIR, 'src', 'index.ts'), file, pruned ? bundling.prune : []);
  return { file, bytes };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
  dir = await mkdtemp(path.join(PACKAGE_DIR, 'tests', 'integration', '.bundle-'));
});

afterAll(async () => {
  await sandbox?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the plugin bundled with its prune rules', () => {
  let bundled: BundledModule;
  let instance: PluginInstance;

  beforeAll(async () => {
    const { file } = await bundle(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, loaded the way Lambda loads it
    bundled = require(file) as BundledModule;
    const plugin = bundled.default;
    instance = plugin.create(validatePluginConfig(plugin, { accountSid: ACCOUNT_SID, authToken: 'local-auth-token', from: '+15005550006', baseUrl: sandbox.url }));
  });

  it('sends an SMS through the real SDK code to the sandbox', async () => {
    const result = await instance.send({ channel: 'sms', to: '+15551230001', body: 'Deposit: $25 in.', idempotencyKey: 'tx-1:sms', eventType: 'MoneyDeposited' });

    expect(result.providerMessageId).toMatch(/^SM/);
    expect(sandbox.messages()).toEqual([expect.objectContaining({ channel: 'sms', provider: 'twilio', to: '+15551230001', body: 'Deposit: $25 in.' })]);
  });

  it('is a fraction of the unpruned bundle', async () => {
    const [pruned, full] = await Promise.all([bundle(true), bundle(false)]);

    expect(pruned.bytes).toBeLessThan(full.bytes / 4);
  });

  it('fails loudly, naming the rule, when code reaches a product that was left out', () => {
    const client = bundled.createTwilioClient({ accountSid: ACCOUNT_SID, authToken: 'x', baseUrl: sandbox.url, timeoutMs: 1000 });

    expect(() => client.calls).toThrow(/was left out of this bundle \(the Twilio plugins call only api\.v2010\.account\.messages/);
  });
});
