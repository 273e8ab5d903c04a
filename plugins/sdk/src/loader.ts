import path from 'node:path';
import type { ChannelPlugin, PluginInstance } from './contract';
import { validatePluginConfig } from './config-validation';
import { PluginConfigError } from './errors';
import { type Env, interpolateEnv, type Manifest } from './manifest';
import { pluginFromModule } from './plugin-module';

export interface LoadedProvider {
  /** The plugin's id ('sendgrid', 'twilio', ...), used in logs, delivery records and fallback attempts. */
  readonly id: string;
  readonly plugin: ChannelPlugin<unknown>;
  readonly instance: PluginInstance;
}

export interface ChannelRegistry {
  /** Providers of a channel in fallback order; empty for a channel the manifest does not name. */
  providers(channel: string): readonly LoadedProvider[];
  channels(): readonly string[];
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
    throw new PluginConfigError(`cannot load plugin module ${specifier}: ${(error as Error).message}`, [], { cause: error });
  }
}

/**
 * Builds the channel registry from a manifest: for each channel, in order, loads each provider's
 * module, checks it is a plugin for that channel, validates its (env-interpolated) config and
 * creates one instance. Any problem fails the whole load: a notifier must not start half-configured.
 */
export async function loadChannelProviders(manifest: Manifest, options: LoadOptions = {}): Promise<ChannelRegistry> {
  const env = options.env ?? process.env;
  const byChannel = new Map<string, LoadedProvider[]>();
  for (const [channel, entries] of Object.entries(manifest.channels)) {
    const loaded: LoadedProvider[] = [];
    for (const [index, entry] of entries.entries()) {
      const plugin = pluginFromModule(await loadModule(entry.plugin, options), entry.plugin);
      const where = `/channels/${channel}/${index}`;
      if (plugin.channel !== channel) {
        throw new PluginConfigError(`plugin ${plugin.id} (${entry.plugin}) serves channel ${plugin.channel}, not ${channel}`, [
          { path: where, message: `plugin channel ${plugin.channel} does not match ${channel}` },
        ]);
      }
      if (loaded.some((provider) => provider.id === plugin.id)) {
        throw new PluginConfigError(`plugin ${plugin.id} is listed twice for channel ${channel}`, [{ path: where, message: 'duplicate provider id' }]);
      }
      const config = validatePluginConfig(plugin, interpolateEnv(entry.config ?? {}, env, `${where}/config`));
      let instance: PluginInstance;
      try {
        instance = plugin.create(config);
      } catch (error) {
        throw new PluginConfigError(`plugin ${plugin.id} failed to start: ${(error as Error).message}`, [], { cause: error });
      }
      loaded.push({ id: plugin.id, plugin, instance });
    }
    byChannel.set(channel, loaded);
  }
  return {
    providers: (channel) => byChannel.get(channel) ?? [],
    channels: () => [...byChannel.keys()],
    close: async () => {
      const instances = [...byChannel.values()].flat().map((provider) => provider.instance);
      await Promise.allSettled(instances.map(async (instance) => instance.close?.()));
    },
  };
}
