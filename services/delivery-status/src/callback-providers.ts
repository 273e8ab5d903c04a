import {
  callbackProvidersOf,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  interpolateEnv,
  secretsOf,
  type CallbackReader,
  type ChannelPlugin,
} from '@bank/plugin-sdk';
import { createCallbackReader } from '@bank/plugin-sdk/config-compiler';
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

/**
 * Every callback provider the bundled plugins declare, each with its reader: the declared config
 * interpolated from the environment and the declared secrets (`<NAME>_SECRET_ARN`), validated,
 * created once per cold start. A provider whose config fails is kept (so its route answers 503,
 * not 404) and logged loudly; the others serve.
 */
export async function loadCallbackProviders(
  plugins: readonly ChannelPlugin<never>[],
  env: Env,
  secrets: () => SecretSource,
  logger: StatusLogger,
): Promise<Map<string, CallbackProvider>> {
  const declared = callbackProvidersOf(plugins);
  // Only the keys the callbacks declare are read out of their secrets; the plugins' own keys in the
  // same secrets (the sending credentials) are known, so they are skipped without a warning.
  const callbackSecrets = secretsOf([...declared.values()]);
  const resolved = declared.size > 0 ? await resolveSecretEnv(env, secrets, logger, callbackSecrets, [...callbackSecrets, ...secretsOf(plugins)]) : env;
  const providers = new Map<string, CallbackProvider>();
  for (const [provider, callbacks] of declared) {
    const pluginIds = [...new Set(plugins.filter((p) => p.callbacks === callbacks).map((p) => p.id))];
    const base = { provider, pluginIds, maxBodyBytes: callbacks.maxBodyBytes ?? DEFAULT_CALLBACK_MAX_BODY_BYTES };
    try {
      providers.set(provider, { ...base, reader: createCallbackReader(callbacks, interpolateEnv(callbacks.config, resolved, `/callbacks/${provider}`)) });
    } catch (error) {
      // The message names settings and paths, never values.
      logger.error('status callbacks unavailable', { provider, detail: error instanceof Error ? error.message : String(error) });
      providers.set(provider, base);
    }
  }
  return providers;
}
