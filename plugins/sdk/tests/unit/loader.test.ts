import { type ChannelPlugin, loadChannelProviders, parseManifest, PluginConfigError } from '../../src/index';

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

    const registry = await loadChannelProviders(manifest, {
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
    const registry = await loadChannelProviders(parseManifest({ channels: {} }));

    expect(registry.providers('push')).toEqual([]);
  });

  it('rejects a plugin listed under another channel', async () => {
    const manifest = parseManifest({ channels: { sms: [{ plugin: 'p', config: { label: 'x' } }] } });

    await expect(loadChannelProviders(manifest, { preloaded: { p: fakePlugin('sendgrid', 'email') } })).rejects.toThrow(
      'plugin sendgrid (p) serves channel email, not sms',
    );
  });

  it('rejects a config that does not match the plugin schema', async () => {
    const manifest = parseManifest({ channels: { email: [{ plugin: 'p', config: {} }] } });

    await expect(loadChannelProviders(manifest, { preloaded: { p: fakePlugin('a', 'email') } })).rejects.toThrow(PluginConfigError);
  });

  it('rejects a module that is not a plugin', async () => {
    const manifest = parseManifest({ channels: { email: [{ plugin: 'p' }] } });

    await expect(loadChannelProviders(manifest, { preloaded: { p: { default: { id: 'half' } } } })).rejects.toThrow(/does not export a channel plugin/);
  });

  it('rejects the same provider twice in one channel', async () => {
    const manifest = parseManifest({ channels: { email: [{ plugin: 'p', config: { label: 'a' } }, { plugin: 'p', config: { label: 'b' } }] } });

    await expect(loadChannelProviders(manifest, { preloaded: { p: fakePlugin('a', 'email') } })).rejects.toThrow(/listed twice/);
  });

  it('wraps a module that cannot be imported', async () => {
    const manifest = parseManifest({ channels: { email: [{ plugin: '@bank/no-such-plugin' }] } });

    await expect(loadChannelProviders(manifest)).rejects.toThrow(/cannot load plugin module @bank\/no-such-plugin/);
  });

  it('wraps a factory that throws', async () => {
    const throwing = { ...fakePlugin('a', 'email'), create: () => { throw new Error('boom'); } };
    const manifest = parseManifest({ channels: { email: [{ plugin: 'p', config: { label: 'a' } }] } });

    await expect(loadChannelProviders(manifest, { preloaded: { p: throwing } })).rejects.toThrow('plugin a failed to start: boom');
  });

  it('closes every instance on close()', async () => {
    const closed: string[] = [];
    const manifest = parseManifest({ channels: { email: [{ plugin: 'a', config: { label: '1' } }, { plugin: 'b', config: { label: '2' } }] } });
    const registry = await loadChannelProviders(manifest, {
      preloaded: { a: fakePlugin('a', 'email', () => closed.push('a')), b: fakePlugin('b', 'email', () => closed.push('b')) },
    });

    await registry.close();

    expect(closed.sort()).toEqual(['a', 'b']);
  });
});
