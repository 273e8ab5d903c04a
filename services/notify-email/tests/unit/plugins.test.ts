import { loadChannelProviders, parseManifest } from '@bank/plugin-sdk';
import manifest from '../../manifest.json';
import { plugins } from '../../src/plugins';

const noDynamicImport = async (specifier: string): Promise<never> => {
  throw new Error(`unexpected dynamic import of ${specifier}`);
};

describe('notify-email plugins and manifest', () => {
  it('loads SendGrid then SMTP from the default manifest with the default environment', async () => {
    const registry = await loadChannelProviders(parseManifest(manifest), { env: {}, preloaded: plugins, importPlugin: noDynamicImport });
    expect(registry.channels()).toEqual(['email']);
    expect(registry.providers('email').map((p) => p.id)).toEqual(['sendgrid', 'smtp']);
    await registry.close();
  });

  it('bundles exactly the plugins the manifest names', () => {
    const named = parseManifest(manifest).channels.email?.map((p) => p.plugin) ?? [];
    expect(Object.keys(plugins).sort()).toEqual([...named].sort());
  });

  it('takes provider settings from the environment', async () => {
    const env = { SENDGRID_API_KEY: 'SG.real', EMAIL_FROM: 'alerts@bank.example', SENDGRID_BASE_URL: 'http://127.0.0.1:9', SMTP_HOST: 'mail.internal', SMTP_PORT: '587' };
    const registry = await loadChannelProviders(parseManifest(manifest), { env, preloaded: plugins, importPlugin: noDynamicImport });
    expect(registry.providers('email')).toHaveLength(2);
    await registry.close();
  });
});
