import type { ChannelPlugin, OutboundMessage, PluginInstance, SendResult } from '../contract';
import { validatePluginConfig } from '../config-compiler';
import { PermanentError, PluginConfigError, RetryableError } from '../errors';
import { apiEnvOf } from '../host-requirements';

/** What a failure scenario sends, and with which config; built by the plugin's own test. */
export interface ConformanceScenario {
  readonly config: unknown;
  readonly message: OutboundMessage;
}

export type ScenarioFactory = () => Promise<ConformanceScenario> | ConformanceScenario;

export interface ConformanceSetup {
  /** Merged over `validConfig` for the send test (e.g. the fake provider's base URL). */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly teardown?: () => Promise<void>;
}

export interface ConformanceOptions {
  readonly plugin: ChannelPlugin<never>;
  /** A config the schema accepts (before setup overrides). */
  readonly validConfig: Readonly<Record<string, unknown>>;
  /** Configs the schema must reject, by description. */
  readonly invalidConfigs: Readonly<Record<string, unknown>>;
  readonly sampleMessage: OutboundMessage;
  /** Starts the fake provider; runs once before the tests of this block. */
  readonly setup?: () => Promise<ConformanceSetup>;
  /** Checks what the fake provider received after the sample message was sent. */
  readonly verifySent?: (result: SendResult, message: OutboundMessage) => Promise<void> | void;
  /**
   * Failure scenarios, by description: each `retryable` one (429, 5xx, timeout) must end in a
   * RetryableError, each `permanent` one (the provider's permanent errors) in a PermanentError.
   */
  readonly scenarios: {
    readonly retryable: Readonly<Record<string, ScenarioFactory>>;
    readonly permanent: Readonly<Record<string, ScenarioFactory>>;
  };
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

type AnyPlugin = ChannelPlugin<unknown>;

async function withInstance<T>(plugin: AnyPlugin, config: unknown, use: (instance: PluginInstance) => Promise<T>): Promise<T> {
  const instance = plugin.create(validatePluginConfig(plugin, config));
  try {
    return await use(instance);
  } finally {
    await instance.close?.();
  }
}

async function sendFailure(plugin: AnyPlugin, factory: ScenarioFactory): Promise<unknown> {
  const { config, message } = await factory();
  return withInstance(plugin, config, async (instance) => {
    try {
      await instance.send(message);
    } catch (error) {
      return error;
    }
    throw new Error('send resolved, but the scenario expects a failure');
  });
}

/**
 * Registers the plugin contract's test suite (Jest `describe`/`it`). Every plugin package calls it
 * from its own tests with a fake provider; passing it is what "is a plugin" means.
 */
export function describePluginConformance(options: ConformanceOptions): void {
  const plugin = options.plugin as unknown as AnyPlugin;

  describe(`plugin conformance: ${plugin.channel}/${plugin.id}`, () => {
    let setup: ConformanceSetup = {};
    beforeAll(async () => {
      setup = (await options.setup?.()) ?? {};
    });
    afterAll(async () => {
      await setup.teardown?.();
    });
    const sendConfig = (): Record<string, unknown> => ({ ...options.validConfig, ...setup.config });

    describe('declaration', () => {
      it('declares a non-empty id and channel', () => {
        expect(plugin.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
        expect(plugin.channel).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      });

      it('declares a semver version', () => {
        expect(plugin.version).toMatch(SEMVER);
      });

      it('declares an object JSON Schema for its config', () => {
        expect(plugin.configSchema).toEqual(expect.objectContaining({ type: 'object' }));
      });

      it('declares its secrets as kebab-case names with keys, if it needs any', () => {
        for (const secret of plugin.secrets ?? []) {
          expect(secret.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
          expect(secret.keys.length).toBeGreaterThan(0);
          for (const key of secret.keys) expect(key).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
        }
        // What the host checks before it deploys: an apiEnv names declared keys, by variable names.
        expect(() => apiEnvOf([plugin])).not.toThrow();
      });

      it('declares its local settings as environment variables, if it has any', () => {
        for (const [name, value] of Object.entries(plugin.local?.env ?? {})) {
          expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
          expect(typeof value).toBe('string');
        }
      });

      it('says its status reports carry the notification key only if it reads status callbacks', () => {
        // The key travels back in reports the callbacks read: without them the declaration means nothing.
        if (plugin.statusReportsCarryKey !== undefined) expect(typeof plugin.statusReportsCarryKey).toBe('boolean');
        if (plugin.statusReportsCarryKey === true) expect(plugin.callbacks).toBeDefined();
      });

      it('declares at least one retryable and one permanent failure scenario', () => {
        expect(Object.keys(options.scenarios.retryable).length).toBeGreaterThan(0);
        expect(Object.keys(options.scenarios.permanent).length).toBeGreaterThan(0);
      });
    });

    describe('config', () => {
      it('accepts the valid config', () => {
        expect(() => validatePluginConfig(plugin, options.validConfig)).not.toThrow();
      });

      it.each(Object.entries(options.invalidConfigs))('rejects a config with %s', (_name, config) => {
        expect(() => validatePluginConfig(plugin, config)).toThrow(PluginConfigError);
      });
    });

    describe('create', () => {
      it('returns a fresh instance on every call', async () => {
        const config = validatePluginConfig(plugin, sendConfig());
        const first = plugin.create(config);
        const second = plugin.create(config);
        try {
          expect(typeof first.send).toBe('function');
          expect(second).not.toBe(first);
        } finally {
          await Promise.all([first.close?.(), second.close?.()]);
        }
      });
    });

    describe('send', () => {
      it('returns a non-empty providerMessageId', async () => {
        const result = await withInstance(plugin, sendConfig(), (instance) => instance.send(options.sampleMessage));
        expect(typeof result.providerMessageId).toBe('string');
        expect(result.providerMessageId.length).toBeGreaterThan(0);
        await options.verifySent?.(result, options.sampleMessage);
      });

      const retryable = Object.entries(options.scenarios.retryable);
      if (retryable.length > 0) {
        it.each(retryable)('throws RetryableError on %s', async (_name, factory) => {
          expect(await sendFailure(plugin, factory)).toBeInstanceOf(RetryableError);
        });
      }

      const permanent = Object.entries(options.scenarios.permanent);
      if (permanent.length > 0) {
        it.each(permanent)('throws PermanentError on %s', async (_name, factory) => {
          expect(await sendFailure(plugin, factory)).toBeInstanceOf(PermanentError);
        });
      }
    });
  });
}
