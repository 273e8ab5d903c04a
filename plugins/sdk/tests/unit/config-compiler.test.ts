import { definePlugin, PluginConfigError } from '../../src/index';
import { validatePluginConfig } from '../../src/config-compiler';

interface Config {
  apiKey: string;
  port: number;
  timeoutMs: number;
}

const plugin = definePlugin<Config>({
  id: 'demo',
  channel: 'email',
  version: '1.0.0',
  configSchema: {
    type: 'object',
    required: ['apiKey', 'port'],
    additionalProperties: false,
    properties: {
      apiKey: { type: 'string', minLength: 1 },
      port: { type: 'integer', minimum: 1 },
      from: { type: 'string', format: 'email' },
      timeoutMs: { type: 'integer', default: 10000 },
    },
  },
  create: () => ({ send: async () => ({ providerMessageId: 'x' }) }),
});

function errorOf(fn: () => unknown): PluginConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PluginConfigError) return error;
    throw error;
  }
  throw new Error('expected a PluginConfigError');
}

describe('validatePluginConfig', () => {
  it('returns a copy with schema defaults applied and leaves the input untouched', () => {
    const input = { apiKey: 'k', port: 25 };

    const config = validatePluginConfig(plugin, input);

    expect(config).toEqual({ apiKey: 'k', port: 25, timeoutMs: 10000 });
    expect(input).toEqual({ apiKey: 'k', port: 25 });
  });

  it('coerces numeric strings coming from environment variables', () => {
    expect(validatePluginConfig(plugin, { apiKey: 'k', port: '2525' }).port).toBe(2525);
  });

  it('reports every problem with its path', () => {
    const error = errorOf(() => validatePluginConfig(plugin, { port: 0, from: 'not-an-email', extra: true }));

    expect(error.errors).toEqual(
      expect.arrayContaining([
        { path: '/apiKey', message: expect.stringContaining('required') },
        { path: '/port', message: expect.stringContaining('>= 1') },
        { path: '/from', message: expect.stringContaining('format') },
        { path: '/', message: expect.stringContaining('additional properties') },
      ]),
    );
  });

  it('does not echo config values in the message', () => {
    const error = errorOf(() => validatePluginConfig(plugin, { apiKey: 'SECRET-123', port: 'abc' }));

    expect(error.message).not.toContain('SECRET-123');
  });

  it('treats a missing config as an empty object', () => {
    expect(errorOf(() => validatePluginConfig(plugin, undefined)).errors.map((issue) => issue.path)).toEqual(['/apiKey', '/port']);
  });

  it('supports draft 2020-12 schemas', () => {
    const modern = definePlugin<{ n: number }>({
      id: plugin.id,
      channel: plugin.channel,
      version: plugin.version,
      configSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', prefixItems: [], properties: { n: { type: 'number' } }, required: ['n'] },
      create: () => ({ send: async () => ({ providerMessageId: 'x' }) }),
    });

    expect(() => validatePluginConfig(modern, {})).toThrow(PluginConfigError);
    expect(validatePluginConfig(modern, { n: 1 })).toEqual({ n: 1 });
  });

  it('rejects a plugin whose schema does not compile', () => {
    const broken = { ...plugin, configSchema: { type: 'no-such-type' } };

    expect(() => validatePluginConfig(broken, {})).toThrow(/invalid configSchema/);
  });
});
