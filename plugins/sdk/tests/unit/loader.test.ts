import { compileConfigValidator } from '../../src/config-compiler';
import { type ChannelPlugin, type ConfigValidator, type LoadOptions, loadChannelProviders, parseManifest, PluginConfigError } from '../../src/index';

function fakePlugin(id: string, channel: string, onClose?: () => void): ChannelPlugin<{ label: string }> {
  return {
    id,
    channel,
    version: '1.0.0',
    configSchema: { type: 'object', required: ['label'], properties: { label: { type: 'string' } } },
    create: (config) => ({
      send: async () => ({ providerMessageId: `${id}:${config.label}` }),
      close: async () => onClose?.(),
    }),
  };
}

/** Plugins loaded here are not bundled, so their config schemas are compiled at load. */
const load = (manifest: Parameters<typeof loadChannelProviders>[0], options: LoadOptions = {}) => loadChannelProviders(manifest, { compileConfig: compileConfigValidator, ...options });

const message = { channel: 'email', to: 'a@example.com', body: 'hi', idempotencyKey: 'e:email', eventType: 'MoneyDeposited' };

describe('loadChannelProviders', () => {
  it('creates one instance per manifest entry, in fallback order, from preloaded modules first', async () => {
    const importPlugin = jest.fn(async () => ({ default: fakePlugin('smtp', 'email') }));
    const manifest = parseManifest({
      channels: {
        email: [
          { plugin: '@x/sendgrid', config: { label: '${LABEL}' } },
          { plugin: '@x/smtp', config: { label: '${OTHER:-fallback}' } },
        ],
        sms: [{ plugin: '@x/twilio', config: { label: 's' } }],
      },
    });

    const registry = await load(manifest, {
      env: { LABEL: 'primary' },
      importPlugin,
      preloaded: { '@x/sendgrid': { default: fakePlugin('sendgrid', 'email') }, '@x/twilio': fakePlugin('twilio', 'sms') },
    });

    expect(importPlugin).toHaveBeenCalledTimes(1);
    expect(importPlugin).toHaveBeenCalledWith('@x/smtp');
    expect(registry.channels()).toEqual(['email', 'sms']);
    expect(registry.providers('email').map((provider) => provider.id)).toEqual(['sendgrid', 'smtp']);
    const [primary, secondary] = registry.providers('email');
    expect(await primary?.instance.send(message)).toEqual({ providerMessageId: 'sendgrid:primary' });
    expect(await secondary?.instance.send(message)).toEqual({ providerMessageId: 'smtp:fallback' });
  });

  it('returns no providers for a channel the manifest does not name', async () => {
    const registry = await load(parseManifest({ channels: {} }));

    expect(registry.providers('push')).toEqual([]);
  });

  const failureOf = async (manifest: unknown, preloaded: Record<string, unknown> = {}) => {
    const registry = await load(parseManifest(manifest), { preloaded });
    return registry.failures().map((failure) => ({ channel: failure.channel, plugin: failure.plugin, path: failure.path, message: failure.error.message, error: failure.error }));
  };

  it('leaves out a plugin listed under another channel, and says why', async () => {
    const failures = await failureOf({ channels: { sms: [{ plugin: 'p', config: { label: 'x' } }] } }, { p: fakePlugin('sendgrid', 'email') });

    expect(failures).toEqual([expect.objectContaining({ channel: 'sms', plugin: 'p', path: '/channels/sms/0', message: 'plugin sendgrid (p) serves channel email, not sms' })]);
  });

  it('leaves out a provider whose config does not match its schema', async () => {
    const [failure] = await failureOf({ channels: { email: [{ plugin: 'p', config: {} }] } }, { p: fakePlugin('a', 'email') });

    expect(failure?.error).toBeInstanceOf(PluginConfigError);
  });

  it('leaves out only the provider whose setting is missing from the environment; the others of the channel run', async () => {
    const manifest = parseManifest({
      channels: { email: [{ plugin: 'a', config: { label: '${A_KEY}' } }, { plugin: 'b', config: { label: 'b' } }] },
    });

    const registry = await load(manifest, { env: {}, preloaded: { a: fakePlugin('a', 'email'), b: fakePlugin('b', 'email') } });

    expect(registry.providers('email').map((provider) => provider.id)).toEqual(['b']);
    expect(registry.failures().map((failure) => failure.error.message)).toEqual(['environment variable A_KEY is not set (used at /channels/email/0/config/label)']);
  });

  it('leaves out a module that is not a plugin', async () => {
    const [failure] = await failureOf({ channels: { email: [{ plugin: 'p' }] } }, { p: { default: { id: 'half' } } });

    expect(failure?.message).toMatch(/does not export a channel plugin/);
  });

  it('leaves out the same provider listed twice in one channel, keeping the first', async () => {
    const manifest = { channels: { email: [{ plugin: 'p', config: { label: 'a' } }, { plugin: 'p', config: { label: 'b' } }] } };
    const registry = await load(parseManifest(manifest), { preloaded: { p: fakePlugin('a', 'email') } });

    expect(registry.providers('email')).toHaveLength(1);
    expect(registry.failures()[0]?.error.message).toMatch(/listed twice/);
  });

  it('leaves out a module that cannot be imported', async () => {
    const [failure] = await failureOf({ channels: { email: [{ plugin: '@bank/no-such-plugin' }] } });

    expect(failure?.message).toMatch(/cannot load plugin module @bank\/no-such-plugin/);
  });

  it('leaves out a provider whose factory throws', async () => {
    const throwing = { ...fakePlugin('a', 'email'), create: () => { throw new Error('boom'); } };

    const [failure] = await failureOf({ channels: { email: [{ plugin: 'p', config: { label: 'a' } }] } }, { p: throwing });

    expect(failure?.message).toBe('plugin a failed to start: boom');
  });

  it('validates a config with the compiled validator it is given, compiling nothing', async () => {
    const compileConfig = jest.fn(compileConfigValidator);
    const precompiled: ConfigValidator = Object.assign((config: unknown) => typeof config === 'object' && config !== null && 'label' in config, { errors: null });
    const manifest = parseManifest({ channels: { email: [{ plugin: 'p', config: { label: 'bundled' } }] } });

    const registry = await loadChannelProviders(manifest, { preloaded: { p: fakePlugin('a', 'email') }, configValidators: { p: precompiled }, compileConfig });

    expect(compileConfig).not.toHaveBeenCalled();
    expect(await registry.providers('email')[0]?.instance.send(message)).toEqual({ providerMessageId: 'a:bundled' });
  });

  it('leaves out a plugin with no compiled config validator when it may not compile one', async () => {
    const manifest = parseManifest({ channels: { email: [{ plugin: 'p', config: { label: 'x' } }] } });

    const registry = await loadChannelProviders(manifest, { preloaded: { p: fakePlugin('a', 'email') } });

    expect(registry.providers('email')).toEqual([]);
    expect(registry.failures()[0]?.error.message).toMatch(/no compiled config validator/);
  });

  it('closes every instance on close()', async () => {
    const closed: string[] = [];
    const manifest = parseManifest({ channels: { email: [{ plugin: 'a', config: { label: '1' } }, { plugin: 'b', config: { label: '2' } }] } });
    const registry = await load(manifest, {
      preloaded: { a: fakePlugin('a', 'email', () => closed.push('a')), b: fakePlugin('b', 'email', () => closed.push('b')) },
    });

    await registry.close();

    expect(closed.sort()).toEqual(['a', 'b']);
  });

  it('refuses a provider configured for the sandbox outside the local stack, alone and naming why', async () => {
    const sandboxed: ChannelPlugin<{ label: string }> = {
      ...fakePlugin('sendgrid', 'email'),
      productionProblems: (config) => (config.label.startsWith('http://') ? ['baseUrl must be https on api.example.com'] : []),
    };
    const manifest = parseManifest({
      channels: { email: [{ plugin: '@x/sendgrid', config: { label: 'http://127.0.0.1:4010' } }, { plugin: '@x/smtp', config: { label: 'ok' } }] },
    });
    const preloaded = { '@x/sendgrid': sandboxed, '@x/smtp': fakePlugin('smtp', 'email') };

    const production = await load(manifest, { env: {}, preloaded });
    expect(production.providers('email').map((p) => p.id)).toEqual(['smtp']);
    expect(production.failures()[0]?.error.message).toMatch(/configured for the provider sandbox, not production: baseUrl must be https/);

    const local = await load(manifest, { env: {}, preloaded, sandbox: true });
    expect(local.providers('email').map((p) => p.id)).toEqual(['sendgrid', 'smtp']);
  });
});
