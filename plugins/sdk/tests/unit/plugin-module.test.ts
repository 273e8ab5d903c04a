import { isChannelPlugin, PluginConfigError, pluginFromModule } from '../../src/index';

const plugin = {
  id: 'p',
  channel: 'push',
  version: '1.0.0',
  configSchema: { type: 'object' },
  create: () => ({ send: async () => ({ providerMessageId: '1' }) }),
};

describe('isChannelPlugin', () => {
  it('accepts data plus a factory', () => {
    expect(isChannelPlugin(plugin)).toBe(true);
  });

  it.each([
    ['no id', { ...plugin, id: undefined }],
    ['an empty channel', { ...plugin, channel: '' }],
    ['no version', { ...plugin, version: 1 }],
    ['no config schema', { ...plugin, configSchema: undefined }],
    ['no factory', { ...plugin, create: 'create' }],
  ])('rejects a value with %s', (_name, value) => {
    expect(isChannelPlugin(value)).toBe(false);
  });
});

describe('pluginFromModule', () => {
  it.each([
    ['an ES module default export', { default: plugin }],
    ['a CommonJS module.exports', plugin],
    ['a default export wrapped twice by interop', { default: { default: plugin } }],
  ])('finds the plugin in %s', (_name, mod) => {
    expect(pluginFromModule(mod, 'spec')).toBe(plugin);
  });

  it('rejects a module without a plugin', () => {
    expect(() => pluginFromModule({ default: { hello: 1 } }, 'some-module')).toThrow(PluginConfigError);
  });
});
