import { definePlugin } from '../../src/index';

describe('definePlugin', () => {
  it('returns the plugin unchanged', () => {
    const plugin = { id: 'x', channel: 'push', version: '1.0.0', configSchema: { type: 'object' }, create: () => ({ send: async () => ({ providerMessageId: '1' }) }) };

    expect(definePlugin(plugin)).toBe(plugin);
  });
});
