import path from 'node:path';
import { bundledPlugins, bundleProblems, PLUGIN_MAP_FILE, readNotifierBundle } from '../bundle/index';
import type { ConfigValidator } from '../config-validation';
import { localEnvOf, secretKeyVariable, secretsOf } from '../host-requirements';
import { loadChannelProviders } from '../loader';
import { pluginFromModule } from '../plugin-module';

/** Values the provider sandbox offers to plugins' local settings; fakes are enough to load them. */
export const FAKE_SANDBOX_SETTINGS: Readonly<Record<string, string>> = {
  sandboxUrl: 'http://127.0.0.1:4010',
  smtpHost: '127.0.0.1',
  smtpPort: '2525',
  sandboxCaFile: '',
};

/** The fake settings plus a stand-in for every other `{placeholder}` the plugins' local settings use (a provider's own key). */
function withFakeSettings(plugins: readonly { local?: { env: Readonly<Record<string, string>> } }[], known: Readonly<Record<string, string>>): Record<string, string> {
  const used = plugins.flatMap((plugin) => Object.values(plugin.local?.env ?? {}).flatMap((value) => [...value.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1] ?? '')));
  return { ...Object.fromEntries(used.map((name) => [name, `fake-${name}`])), ...known };
}

const notBundled = async (specifier: string): Promise<never> => {
  throw new Error(`${specifier} is not bundled`);
};

/**
 * Registers the tests every notifier service runs on its bundle (Jest `describe`/`it`): the generated
 * import map and compiled config validators match the manifest, every provider loads (validated by
 * those compiled validators) with the local settings its plugin declares and, given only its
 * secrets, passes the production checks; and the shipped manifest holds no credential (a provider
 * that declares a secret reads it from the environment without a default, so it does not load
 * without one). Nothing here names a provider.
 *
 * @example describeNotifierBundle({ serviceDir: path.join(__dirname, '..', '..') });
 */
export function describeNotifierBundle(options: { readonly serviceDir: string; readonly sandbox?: Readonly<Record<string, string>> }): void {
  const bundle = readNotifierBundle(options.serviceDir);
  // The generated map and compiled config validators, as the handler imports them.
  const generated = (): { plugins: Record<string, unknown>; configValidators: Record<string, ConfigValidator> } =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file path known only at runtime
    require(path.join(options.serviceDir, PLUGIN_MAP_FILE)) as { plugins: Record<string, unknown>; configValidators: Record<string, ConfigValidator> };
  const modules = (): Record<string, unknown> => generated().plugins;
  const bundled = () => ({ preloaded: generated().plugins, configValidators: generated().configValidators, importPlugin: notBundled });

  describe(`notifier bundle ${path.basename(options.serviceDir)}`, () => {
    it('bundles exactly the plugins its manifest names (run `npm run build` after editing manifest.json)', () => {
      expect(bundleProblems(bundle)).toEqual([]);
    });

    it('loads every provider in manifest order with the local settings the plugins declare', async () => {
      const plugins = bundledPlugins(options.serviceDir);
      const env = localEnvOf(plugins, options.sandbox ?? withFakeSettings(plugins, FAKE_SANDBOX_SETTINGS));
      const registry = await loadChannelProviders(bundle.manifest, { env, sandbox: true, ...bundled() });
      try {
        expect(registry.failures().map((failure) => failure.error.message)).toEqual([]);
        for (const [channel, entries] of Object.entries(bundle.manifest.channels)) {
          expect(registry.providers(channel).map((provider) => provider.plugin)).toEqual(entries.map((entry) => pluginFromModule(modules()[entry.plugin], entry.plugin)));
        }
      } finally {
        await registry.close();
      }
    });

    it('is fit for production by default: given only its secrets, every provider loads outside the local stack', async () => {
      const plugins = bundledPlugins(options.serviceDir);
      const local = localEnvOf(plugins, options.sandbox ?? withFakeSettings(plugins, FAKE_SANDBOX_SETTINGS));
      const secretVariables = secretsOf(plugins).flatMap((secret) => secret.keys.map((key) => secretKeyVariable(secret.name, key)));
      const env = Object.fromEntries(Object.entries(local).filter(([name]) => secretVariables.includes(name)));
      const registry = await loadChannelProviders(bundle.manifest, { env, ...bundled() });
      try {
        expect(registry.failures().map((failure) => failure.error.message)).toEqual([]);
      } finally {
        await registry.close();
      }
    });

    it('ships no credential: a provider that declares a secret reads it without a default, so it does not load without one', async () => {
      const registry = await loadChannelProviders(bundle.manifest, { env: {}, ...bundled() });
      try {
        const unavailable = new Set(registry.failures().map((failure) => failure.path));
        for (const [channel, entries] of Object.entries(bundle.manifest.channels)) {
          for (const [index, entry] of entries.entries()) {
            const secrets = pluginFromModule(modules()[entry.plugin], entry.plugin).secrets ?? [];
            const config = JSON.stringify(entry.config ?? {});
            for (const secret of secrets) {
              for (const key of secret.keys) expect(config).toContain(`\${${secretKeyVariable(secret.name, key)}}`);
            }
            if (secrets.length > 0) expect(unavailable).toContain(`/channels/${channel}/${index}`);
          }
        }
      } finally {
        await registry.close();
      }
    });
  });
}
