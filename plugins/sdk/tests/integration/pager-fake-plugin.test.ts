import path from 'node:path';
import { loadChannelProviders, parseManifest, sendWithFallback } from '../../src/index';

const FIXTURE_DIR = path.join(__dirname, '..', 'fixtures', 'pager-fake-plugin');

const message = {
  channel: 'pager',
  to: 'pager-7',
  body: 'Alert: $500 withdrawn from your account. Available balance: $4500.',
  idempotencyKey: 'evt-1:pager',
  eventType: 'MoneyWithdrawn',
};

describe('a plugin for a new channel, named by file path in the manifest', () => {
  it('is loaded from its package directory and sends a message', async () => {
    const manifest = parseManifest(
      JSON.stringify({ channels: { pager: [{ plugin: './pager-fake-plugin', config: { appId: '${PAGER_APP_ID}' } }] } }),
    );

    const registry = await loadChannelProviders(manifest, { env: { PAGER_APP_ID: 'app-7' }, baseDir: path.dirname(FIXTURE_DIR) });
    const result = await sendWithFallback(registry.providers('pager'), message);

    expect(registry.channels()).toEqual(['pager']);
    expect(result).toEqual({ provider: 'fake-pager', providerMessageId: 'app-7-1', attempts: [{ provider: 'fake-pager' }] });
    const instance = registry.providers('pager')[0]?.instance as unknown as { outbox: unknown[]; config: unknown };
    expect(instance.outbox).toEqual([message]);
    expect(instance.config).toEqual({ appId: 'app-7', priority: 'normal' });
    await registry.close();
  });

  it('is loaded from an absolute path to its entry file', async () => {
    const manifest = parseManifest({ channels: { pager: [{ plugin: path.join(FIXTURE_DIR, 'index.js'), config: { appId: 'a' } }] } });

    const registry = await loadChannelProviders(manifest, { env: {} });

    expect(registry.providers('pager').map((provider) => provider.plugin.version)).toEqual(['1.2.3']);
  });
});
