import {
  callbacksFromModule,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  interpolateEnv,
  PluginConfigError,
  secretsOf,
  startCallbackReader,
  type CallbackReader,
  type ConfigValidator,
  type SecretRequirement,
  type StatusCallbacks,
} from '@bank/plugin-sdk';
import { resolveSecretEnv, type SecretSource } from '@bank/notifier-runtime';
import type { StatusLogger } from './ports';

/** One provider's callbacks, ready to serve (or why not). */
export interface CallbackProvider {
  readonly provider: string;
  /** Ids of the plugins whose sent messages these callbacks report on (lookup items are keyed by plugin id). */
  readonly pluginIds: readonly string[];
  readonly maxBodyBytes: number;
  /** Absent when the config could not be read: the provider's callbacks answer 503 until a deploy fixes it. */
  readonly reader?: CallbackReader;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** What the function bundles (its generated `plugins.generated.ts`). */
export interface BundledCallbacks {
  /** Each plugin's `<package>/callbacks` module and the plugin's id. */
  readonly callbackPlugins: readonly { readonly package: string; readonly pluginId: string; readonly module: unknown }[];
  /** What the sending plugins read from the same secrets: skipped without a warning. */
  readonly sendingSecrets: readonly SecretRequirement[];
  /** Each provider's callback config schema, compiled at build time. */
  readonly callbackConfigValidators: Readonly<Record<string, ConfigValidator>>;
}

/** The declared callbacks by provider, with the ids of the plugins that declare them. */
function declaredProviders(bundled: BundledCallbacks): Map<string, { callbacks: StatusCallbacks<never>; pluginIds: string[] }> {
  const byProvider = new Map<string, { callbacks: StatusCallbacks<never>; pluginIds: string[] }>();
  for (const entry of bundled.callbackPlugins) {
    const callbacks = callbacksFromModule(entry.module, `${entry.package}/callbacks`);
    const known = byProvider.get(callbacks.provider);
    if (known && known.callbacks !== callbacks) throw new PluginConfigError(`${entry.package} declares callbacks for provider ${callbacks.provider}, which another plugin declares differently`);
    const pluginIds = known?.pluginIds ?? [];
    if (!pluginIds.includes(entry.pluginId)) pluginIds.push(entry.pluginId);
    byProvider.set(callbacks.provider, { callbacks, pluginIds });
  }
  return byProvider;
}

/**
 * Every callback provider the bundled plugins declare, each with its reader: the declared config
 * interpolated from the environment and the declared secrets (`<NAME>_SECRET_ARN`), checked with
 * its validator compiled at build time, created once per cold start. A provider whose config
 * fails is kept (so its route answers 503, not 404) and logged loudly; the others serve.
 */
export async function loadCallbackProviders(bundled: BundledCallbacks, env: Env, secrets: () => SecretSource, logger: StatusLogger): Promise<Map<string, CallbackProvider>> {
  const declared = declaredProviders(bundled);
  // Only the keys the callbacks declare are read out of their secrets; the plugins' own keys in the
  // same secrets (the sending credentials) are known, so they are skipped without a warning.
  const callbackSecrets = secretsOf([...declared.values()].map((d) => d.callbacks));
  const resolved = declared.size > 0 ? await resolveSecretEnv(env, secrets, logger, callbackSecrets, [...callbackSecrets, ...bundled.sendingSecrets]) : env;
  const providers = new Map<string, CallbackProvider>();
  for (const [provider, { callbacks, pluginIds }] of declared) {
    const base = { provider, pluginIds, maxBodyBytes: callbacks.maxBodyBytes ?? DEFAULT_CALLBACK_MAX_BODY_BYTES };
    try {
      const config = interpolateEnv(callbacks.config, resolved, `/callbacks/${provider}`);
      providers.set(provider, { ...base, reader: startCallbackReader(callbacks, config, bundled.callbackConfigValidators[provider]) });
    } catch (error) {
      // The message names settings and paths, never values.
      logger.error('status callbacks unavailable', { provider, detail: error instanceof Error ? error.message : String(error) });
      providers.set(provider, base);
    }
  }
  return providers;
}
