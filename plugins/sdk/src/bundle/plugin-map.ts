import { ManifestError } from '../errors';
import type { Manifest } from '../manifest';

/** Where a notifier service keeps the generated import map, relative to its directory. */
export const PLUGIN_MAP_FILE = 'src/plugins.generated.ts';

function isPackageName(specifier: string): boolean {
  return /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(specifier);
}

/**
 * The package names a manifest's providers come from, in first-mention order. A bundled notifier
 * can only carry packages: a file-path entry is a ManifestError (use NOTIFIER_MANIFEST locally).
 */
export function pluginPackages(manifest: Manifest): string[] {
  const specifiers = Object.values(manifest.channels).flatMap((entries) => entries.map((entry) => entry.plugin));
  const bad = specifiers.filter((specifier) => !isPackageName(specifier));
  if (bad.length > 0) {
    throw new ManifestError(`a notifier's manifest.json names packages only; found ${bad.join(', ')}`, bad.map((specifier) => ({ path: specifier, message: 'not a package name' })));
  }
  return [...new Set(specifiers)];
}

/**
 * The source of `src/plugins.generated.ts`: one static import per plugin package the manifest
 * names, so esbuild bundles exactly those (and nothing is imported by a computed name), and their
 * compiled config validators (`src/plugin-configs.generated.js`).
 *
 * @example renderPluginMap(parseManifest(readFileSync('manifest.json', 'utf8')))
 */
export function renderPluginMap(manifest: Manifest): string {
  const packages = pluginPackages(manifest);
  const imports = packages.map((name, index) => `import * as plugin${index} from '${name}';`);
  const entries = packages.map((name, index) => `  '${name}': plugin${index},`);
  return [
    '// Generated from manifest.json by `bank-plugins sync` (the package\'s `npm run build`). Do not edit.',
    '// Static imports, so the bundler carries exactly the plugins the manifest names.',
    ...imports,
    '',
    'export const plugins: Readonly<Record<string, unknown>> = {',
    ...entries,
    '};',
    '',
    "export { configValidators } from './plugin-configs.generated';",
    '',
  ].join('\n');
}
