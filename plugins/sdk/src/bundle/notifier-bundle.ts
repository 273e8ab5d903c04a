import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChannelPlugin } from '../contract';
import { PluginConfigError } from '../errors';
import { type Manifest, parseManifest } from '../manifest';
import { pluginFromModule } from '../plugin-module';
import { CONFIG_VALIDATORS_MODULE, renderConfigValidators } from './config-validators';
import { PLUGIN_MAP_FILE, pluginPackages, renderPluginMap } from './plugin-map';

/** What `bank-plugins sync` keeps in step with a notifier's `manifest.json`. */
export interface NotifierBundle {
  readonly serviceDir: string;
  readonly manifest: Manifest;
  /** Plugin packages the manifest names. */
  readonly packages: readonly string[];
}

type PackageJson = { name?: string; version?: string; dependencies?: Record<string, string> };

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Reads `<serviceDir>/manifest.json`. */
export function readNotifierBundle(serviceDir: string): NotifierBundle {
  const file = path.join(serviceDir, 'manifest.json');
  if (!existsSync(file)) throw new PluginConfigError(`notifier ${path.basename(serviceDir)} has no manifest.json (${file})`);
  const manifest = parseManifest(readFileSync(file, 'utf8'));
  return { serviceDir, manifest, packages: pluginPackages(manifest) };
}

/** Workspace plugins (`@bank/…`) are depended on as `*`; others at the installed version. */
function versionRange(name: string, serviceDir: string): string {
  if (name.startsWith('@bank/')) return '*';
  let dir = path.dirname(require.resolve(name, { paths: [serviceDir] }));
  while (dir !== path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file) && readJson<PackageJson>(file).name === name) return `^${readJson<PackageJson>(file).version ?? '0.0.0'}`;
    dir = path.dirname(dir);
  }
  return '*';
}

/** The plugin packages of the manifest, loaded from the service directory (build time: CDK synth, sync, tests). */
function loadBundledPackages(bundle: NotifierBundle): { specifier: string; plugin: ChannelPlugin<unknown> }[] {
  return bundle.packages.map((specifier) => {
    let file: string;
    try {
      file = require.resolve(specifier, { paths: [bundle.serviceDir] });
    } catch {
      // Not installed beside the service: as the workspace resolves it (or a test's module mock).
      file = specifier;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous by design, like bundledPlugins
    const module: unknown = require(file);
    return { specifier, plugin: pluginFromModule(module, specifier) };
  });
}

/** The generated files the manifest implies, by path relative to the service: the import map and the compiled config validators. */
function renderBundleFiles(bundle: NotifierBundle): Map<string, string> {
  const files = new Map([[PLUGIN_MAP_FILE, renderPluginMap(bundle.manifest)]]);
  const validators = renderConfigValidators(loadBundledPackages(bundle));
  files.set(`${CONFIG_VALIDATORS_MODULE}.js`, validators.js);
  files.set(`${CONFIG_VALIDATORS_MODULE}.d.ts`, validators.dts);
  return files;
}

const readIfExists = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

/** Why the generated files or the dependencies are out of step with the manifest; empty when fresh. */
export function bundleProblems(bundle: NotifierBundle): string[] {
  const problems: string[] = [];
  const dependencies = readJson<PackageJson>(path.join(bundle.serviceDir, 'package.json')).dependencies ?? {};
  const missing = bundle.packages.filter((name) => !(name in dependencies));
  if (readIfExists(path.join(bundle.serviceDir, PLUGIN_MAP_FILE)) !== renderPluginMap(bundle.manifest)) problems.push(`${PLUGIN_MAP_FILE} does not match manifest.json`);
  for (const name of missing) problems.push(`package.json does not depend on ${name}`);
  // The compiled config schemas need the plugins installed; a missing dependency is reported above.
  if (missing.length === 0) {
    for (const [file, content] of renderBundleFiles(bundle)) {
      if (file !== PLUGIN_MAP_FILE && readIfExists(path.join(bundle.serviceDir, file)) !== content) problems.push(`${file} does not match the bundled plugins' config schemas`);
    }
  }
  return problems;
}

/**
 * Regenerates the import map and the compiled config validators from the manifest and adds the
 * plugin packages it names to the service's dependencies. Returns the files it changed.
 */
export function syncNotifierBundle(serviceDir: string): string[] {
  const bundle = readNotifierBundle(serviceDir);
  const changed: string[] = [];
  for (const [file, content] of renderBundleFiles(bundle)) {
    if (readIfExists(path.join(serviceDir, file)) === content) continue;
    writeFileSync(path.join(serviceDir, file), content);
    changed.push(file);
  }
  const pkgFile = path.join(serviceDir, 'package.json');
  const pkg = readJson<PackageJson>(pkgFile);
  const missing = bundle.packages.filter((name) => !(name in (pkg.dependencies ?? {})));
  if (missing.length > 0) {
    const dependencies = { ...pkg.dependencies, ...Object.fromEntries(missing.map((name) => [name, versionRange(name, serviceDir)])) };
    pkg.dependencies = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
    changed.push('package.json');
  }
  return changed;
}

/**
 * The plugins a notifier bundles, loaded from its generated map (synchronously, for CDK synth and
 * the local stack, which read their `secrets` and `local` declarations). Refuses a stale map.
 *
 * @example secretsOf(bundledPlugins(path.join(repoRoot, 'services/notify-sms')))
 */
export function bundledPlugins(serviceDir: string): ChannelPlugin<unknown>[] {
  const bundle = readNotifierBundle(serviceDir);
  const problems = bundleProblems(bundle);
  if (problems.length > 0) {
    throw new PluginConfigError(`notifier ${path.basename(serviceDir)}: ${problems.join('; ')}; run \`npm run build\` in ${serviceDir} (bank-plugins sync)`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous by design: CDK constructs cannot await
  const { plugins } = require(path.join(serviceDir, PLUGIN_MAP_FILE)) as { plugins: Readonly<Record<string, unknown>> };
  return bundle.packages.map((name) => pluginFromModule(plugins[name], name));
}
