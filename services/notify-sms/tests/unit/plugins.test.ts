import { loadChannelProviders, parseManifest } from '@bank/plugin-sdk';
import manifest from '../../manifest.json';
import { plugins } from '../../src/plugins';

const noDynamicImport = async (specifier: string): Promise<never> => {
  throw new Error(`unexpected dynamic import of ${specifier}`);
};

describe('notify-sms plugins and manifest', () => {
  it('loads Twilio for sms and WhatsApp from the default manifest with the default environment', async () => {
    const registry = await loadChannelProviders(parseManifest(manifest), { env: {}, preloaded: plugins, importPlugin: noDynamicImport });
    expect([...registry.channels()].sort()).toEqual(['sms', 'whatsapp']);
    expect(registry.providers('sms').map((p) => p.plugin.channel)).toEqual(['sms']);
    expect(registry.providers('whatsapp').map((p) => p.plugin.channel)).toEqual(['whatsapp']);
    await registry.close();
  });

  it('bundles exactly the plugins the manifest names, and no email plugin', () => {
    const named = Object.values(parseManifest(manifest).channels).flatMap((providers) => providers.map((p) => p.plugin));
    expect(Object.keys(plugins).sort()).toEqual([...new Set(named)].sort());
    expect(Object.keys(plugins).some((specifier) => specifier.includes('email'))).toBe(false);
  });

  it('takes the Twilio credentials from the environment', async () => {
    const env = { TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret', TWILIO_FROM: '+15550000000', TWILIO_WHATSAPP_FROM: 'whatsapp:+15550000001' };
    const registry = await loadChannelProviders(parseManifest(manifest), { env, preloaded: plugins, importPlugin: noDynamicImport });
    expect(registry.providers('sms')).toHaveLength(1);
    expect(registry.providers('whatsapp')).toHaveLength(1);
    await registry.close();
  });
});
