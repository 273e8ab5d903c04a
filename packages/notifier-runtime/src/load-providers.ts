import {
  loadChannelProviders,
  overrideManifest,
  parseManifest,
  pluginFromModule,
  PluginConfigError,
  secretsOf,
  type ChannelPlugin,
  type ChannelRegistry,
  type ImportPlugin,
  type LoadOptions,
  type Manifest,
} from '@bank/plugin-sdk';
import { SecretsManagerSource } from './adapters/secrets-manager-source';
import { readManifestSource, type EnvSource, type NotifierEnvConfig } from './config';
import type { NotifierMetrics } from './observability';
import type { NotifierLogger } from './ports';
import { resolveSecretEnv, type SecretSource } from './provider-secrets';

/** What loading a notifier's providers needs. */
export interface ProviderSetup {
  /** The channels the notifier serves; the manifest's other channels are not loaded. */
  readonly channels: readonly string[];
  /** The service's own manifest. */
  readonly manifest: unknown;
  readonly config: NotifierEnvConfig;
  readonly env: EnvSource;
  readonly bundledPlugins?: Readonly<Record<string, unknown>>;
  readonly configValidators?: LoadOptions['configValidators'];
  readonly compileConfig?: LoadOptions['compileConfig'];
  readonly secrets?: SecretSource;
  readonly logger: NotifierLogger;
  readonly metrics?: NotifierMetrics;
}

/** The plugin a bundled module exports, or undefined for one that exports none. */
function pluginOf(module: unknown): ChannelPlugin<unknown> | undefined {
  try {
    return pluginFromModule(module, 'bundled plugin');
  } catch {
    return undefined;
  }
}

/** In Lambda nothing is imported by a name from the environment: only bundled plugins exist. */
const bundledOnly: ImportPlugin = async (specifier) => {
  throw new PluginConfigError(`plugin ${specifier} is not bundled with this notifier (only the plugins its manifest.json names are)`);
};

/**
 * Outside Lambda a manifest may name a plugin file, which no build compiled a config validator
 * for: its schema is compiled on load, with the compiler imported only then. The specifier is not
 * a literal, so no function bundle carries the compiler (in Lambda only bundled plugins load).
 */
async function loadTimeCompiler(): Promise<NonNullable<LoadOptions['compileConfig']>> {
  const specifier = ['@bank/plugin-sdk', 'config-compiler'].join('/');
  const { compileConfigValidator } = (await import(specifier)) as typeof import('@bank/plugin-sdk/config-compiler');
  return compileConfigValidator;
}

/** The service manifest with `NOTIFIER_MANIFEST`'s channels swapped in, cut down to the served channels. */
export function effectiveManifest(setup: Pick<ProviderSetup, 'channels' | 'manifest' | 'config'>): Manifest {
  const own = parseManifest(setup.manifest);
  const merged = setup.config.manifestOverride === undefined ? own : overrideManifest(own, parseManifest(readManifestSource(setup.config.manifestOverride)));
  return { channels: Object.fromEntries(Object.entries(merged.channels).filter(([channel]) => setup.channels.includes(channel))) };
}

/**
 * Loads the providers of the served channels once per cold start. Secrets are read first (their
 * keys become manifest variables). A provider that cannot load fails alone and loudly: an error
 * line and a `NotifierConfigProblems` metric each, as does a served channel left with no provider
 * (its messages are retried, then dead-lettered, until a deploy fixes it).
 */
export async function loadProviders(setup: ProviderSetup): Promise<ChannelRegistry> {
  const { logger, metrics } = setup;
  const manifest = effectiveManifest(setup);
  const declared = secretsOf(Object.values(setup.bundledPlugins ?? {}).flatMap((module) => pluginOf(module) ?? []));
  const env = await resolveSecretEnv(setup.env, () => setup.secrets ?? new SecretsManagerSource(), logger, declared);
  const compileConfig = setup.compileConfig ?? (setup.config.bundledPluginsOnly ? undefined : await loadTimeCompiler());
  const registry = await loadChannelProviders(manifest, {
    env,
    sandbox: setup.config.providerSandbox,
    ...(setup.bundledPlugins ? { preloaded: setup.bundledPlugins } : {}),
    ...(setup.configValidators ? { configValidators: setup.configValidators } : {}),
    ...(compileConfig ? { compileConfig } : {}),
    ...(setup.config.bundledPluginsOnly ? { importPlugin: bundledOnly } : {}),
  });
  for (const failure of registry.failures()) {
    // The message names variables and config paths, never their values.
    logger.error('notification provider unavailable', { channel: failure.channel, plugin: failure.plugin, path: failure.path, detail: failure.error.message });
    metrics?.configProblem(failure.channel, 'provider-unavailable');
  }
  for (const channel of setup.channels) {
    if (registry.providers(channel).length === 0) {
      logger.error('channel has no provider; its notifications will be retried, then dead-lettered', { channel });
      metrics?.configProblem(channel, 'no-provider');
    }
  }
  return registry;
}
