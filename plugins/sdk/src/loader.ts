import path from 'node:path';
import type { ChannelPlugin, PluginInstance } from './contract';
import { checkPluginConfig, type ConfigValidator } from './config-validation';
import { PluginConfigError } from './errors';
import { type Env, interpolateEnv, type Manifest, type ManifestProvider } from './manifest';
import { pluginFromModule } from './plugin-module';

export interface LoadedProvider {
  /** The plugin's id ('sendgrid', 'twilio', ...), used in logs, delivery records and fallback attempts. */
  readonly id: string;
  readonly plugin: ChannelPlugin<unknown>;
  readonly instance: PluginInstance;
}

/** A manifest entry that could not be loaded; the other providers of its channel still run. */
export interface ProviderLoadFailure {
  readonly channel: string;
  /** The entry's module specifier (never its config: it may hold secrets). */
  readonly plugin: string;
  /** Where in the manifest, e.g. `/channels/email/0`. */
  readonly path: string;
  readonly error: PluginConfigError;
}

export interface ChannelRegistry {
  /** Providers of a channel in fallback order; empty for a channel the manifest does not name. */
  providers(channel: string): readonly LoadedProvider[];
  channels(): readonly string[];
  /** Entries that failed to load (bad config, a setting missing from the environment, no such module). */
  failures(): readonly ProviderLoadFailure[];
  /** Closes every instance that holds connections; never throws. */
  close(): Promise<void>;
}

export type ImportPlugin = (specifier: string) => Promise<unknown>;

export interface LoadOptions {
  /** Source of `${NAME}` values in config strings; default `process.env`. */
  readonly env?: Env;
  /** How to load a specifier that is not preloaded; default dynamic `import()`. */
  readonly importPlugin?: ImportPlugin;
  /** Modules by specifier, looked up first (bundlers cannot follow a dynamic import). */
  readonly preloaded?: Readonly<Record<string, unknown>>;
  /** Directory against which relative file specifiers are resolved; default `process.cwd()`. */
  readonly baseDir?: string;
  /** Config validators compiled at build time, by specifier (a notifier's generated `configValidators`). */
  readonly configValidators?: Readonly<Record<string, ConfigValidator>>;
  /**
   * Compiles the config schema of a plugin `configValidators` has no validator for, e.g.
   * `compileConfigValidator` from `@bank/plugin-sdk/config-compiler`. Without it such a plugin does
   * not load (a bundled notifier carries no schema compiler).
   */
  readonly compileConfig?: (plugin: ChannelPlugin<unknown>) => ConfigValidator;
  /**
   * True only on the local stack: configs may point at the provider sandbox. Otherwise a plugin's
   * `productionProblems` refuse a config that does (a sandbox URL, plain SMTP).
   */
  readonly sandbox?: boolean;
}

const defaultImport: ImportPlugin = (specifier) => import(specifier);

function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || path.isAbsolute(specifier);
}

/** A file path (or a package directory) resolves to its entry file; package names are left alone. */
function resolveSpecifier(specifier: string, baseDir: string): string {
  if (!isPathSpecifier(specifier)) return specifier;
  const absolute = path.resolve(baseDir, specifier);
  try {
    return require.resolve(absolute);
  } catch {
    return absolute;
  }
}

async function loadModule(specifier: string, options: LoadOptions): Promise<unknown> {
  const preloaded = options.preloaded;
  if (preloaded && Object.prototype.hasOwnProperty.call(preloaded, specifier)) return preloaded[specifier];
  const resolved = resolveSpecifier(specifier, options.baseDir ?? process.cwd());
  try {
    return await (options.importPlugin ?? defaultImport)(resolved);
  } catch (error) {
    throw asConfigError(error, `cannot load plugin module ${specifier}`);
  }
}

function asConfigError(error: unknown, what: string): PluginConfigError {
  if (error instanceof PluginConfigError) return error;
  return new PluginConfigError(`${what}: ${error instanceof Error ? error.message : String(error)}`, [], { cause: error });
}

async function loadEntry(
  entry: ManifestProvider,
  where: string,
  channel: string,
  loaded: readonly LoadedProvider[],
  env: Env,
  options: LoadOptions,
): Promise<LoadedProvider> {
  const plugin = pluginFromModule(await loadModule(entry.plugin, options), entry.plugin);
  if (plugin.channel !== channel) {
    throw new PluginConfigError(`plugin ${plugin.id} (${entry.plugin}) serves channel ${plugin.channel}, not ${channel}`, [
      { path: where, message: `plugin channel ${plugin.channel} does not match ${channel}` },
    ]);
  }
  if (loaded.some((provider) => provider.id === plugin.id)) {
    throw new PluginConfigError(`plugin ${plugin.id} is listed twice for channel ${channel}`, [{ path: where, message: 'duplicate provider id' }]);
  }
  const validate = options.configValidators?.[entry.plugin] ?? options.compileConfig?.(plugin);
  if (!validate) {
    throw new PluginConfigError(`plugin ${entry.plugin} has no compiled config validator: bundle it (bank-plugins sync) or pass compileConfig`, [
      { path: where, message: 'no compiled config validator' },
    ]);
  }
  const config = checkPluginConfig(plugin, interpolateEnv(entry.config ?? {}, env, `${where}/config`), validate);
  const problems = options.sandbox ? [] : (plugin.productionProblems?.(config) ?? []);
  if (problems.length > 0) {
    throw new PluginConfigError(`plugin ${plugin.id} is configured for the provider sandbox, not production: ${problems.join('; ')}`, [
      { path: `${where}/config`, message: 'only the local stack may use this configuration' },
    ]);
  }
  try {
    return { id: plugin.id, plugin, instance: plugin.create(config) };
  } catch (error) {
    throw asConfigError(error, `plugin ${plugin.id} failed to start`);
  }
}

/**
 * Builds the channel registry from a manifest: for each channel, in order, loads each provider's
 * module, checks it is a plugin for that channel, validates its (env-interpolated) config and
 * creates one instance. A provider that cannot be loaded (a missing setting, a bad config, no such
 * module) is left out and reported in `failures()`: it fails alone, the channel's other providers run.
 *
 * @example
 * const registry = await loadChannelProviders(parseManifest(json), { env: process.env, preloaded: plugins });
 * for (const failure of registry.failures()) logger.error('provider unavailable', { plugin: failure.plugin, detail: failure.error.message });
 * await sendWithFallback(registry.providers('email'), message);
 */
export async function loadChannelProviders(manifest: Manifest, options: LoadOptions = {}): Promise<ChannelRegistry> {
  const env = options.env ?? process.env;
  const byChannel = new Map<string, LoadedProvider[]>();
  const failures: ProviderLoadFailure[] = [];
  for (const [channel, entries] of Object.entries(manifest.channels)) {
    const loaded: LoadedProvider[] = [];
    for (const [index, entry] of entries.entries()) {
      const where = `/channels/${channel}/${index}`;
      try {
        loaded.push(await loadEntry(entry, where, channel, loaded, env, options));
      } catch (error) {
        failures.push({ channel, plugin: entry.plugin, path: where, error: asConfigError(error, `plugin ${entry.plugin}`) });
      }
    }
    byChannel.set(channel, loaded);
  }
  return {
    providers: (channel) => byChannel.get(channel) ?? [],
    channels: () => [...byChannel.keys()],
    failures: () => failures,
    close: async () => {
      const instances = [...byChannel.values()].flat().map((provider) => provider.instance);
      await Promise.allSettled(instances.map(async (instance) => instance.close?.()));
    },
  };
}
