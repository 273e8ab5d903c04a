/**
 * How every function is bundled, in one place: the CDK asset (bank-function.ts, through main.ts)
 * and the cold-start benchmark build the same bundle. esbuild's JS API, so a notifier's plugins
 * can prune the vendor SDKs they wrap (`<plugin>/bundling`, see @bank/plugin-sdk/bundle).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { bundlePruneRules, FUNCTION_BUILD_OPTIONS, pruneModules, readNotifierBundle, type PruneRule } from '@bank/plugin-sdk/bundle';

/** The packages a service's generated plugin map (`src/plugins.generated.ts`) imports, if it has one. */
function mappedPluginPackages(serviceDir: string): string[] {
  const file = path.join(serviceDir, 'src', 'plugins.generated.ts');
  if (!existsSync(file)) return [];
  const source = readFileSync(file, 'utf8');
  // A package or one of its subpaths (delivery-status imports `<plugin>/callbacks`): the package declares the rules.
  const packages = [...source.matchAll(/^import \* as \w+ from '((?:@[^/']+\/)?[^/']+)(?:\/[^']*)?';$/gm)].map((match) => match[1] ?? '');
  // An import this pattern does not read would silently bundle its vendor SDK whole.
  if (packages.length !== (source.match(/^import /gm) ?? []).length) throw new Error(`${file} has imports mappedPluginPackages cannot read; update it with the map's generator`);
  return packages;
}

/**
 * A function's entry (`services/<service>/src/…`) → the prune rules the plugins it bundles declare:
 * a notifier's, from its manifest, with their notifier-only rules; another service with a generated
 * plugin map (delivery-status bundles the plugins that read status callbacks), from that map; none
 * for the others.
 */
export function pruneRulesFor(entry: string): PruneRule[] {
  const serviceDir = path.dirname(path.dirname(entry));
  const notifier = existsSync(path.join(serviceDir, 'manifest.json'));
  const packages = notifier ? readNotifierBundle(serviceDir).packages : mappedPluginPackages(serviceDir);
  const rules = bundlePruneRules(packages, serviceDir, { notifier });
  // Plugins of one vendor declare the same rules (the SMS and WhatsApp plugins share Twilio's).
  return [...new Map(rules.map((rule) => [JSON.stringify(rule), rule])).values()];
}

export interface FunctionBundleOptions {
  /** Absolute path of the handler file. */
  readonly entry: string;
  /** The bundle's path (`<asset dir>/index.js` for Lambda). */
  readonly outfile: string;
  /** Writes `<outfile>.map` without the sources' text (line mapping for stack traces, a third of the size). */
  readonly sourcemap?: boolean;
  /** Prune rules; default {@link pruneRulesFor} the entry. */
  readonly prune?: readonly PruneRule[];
  /** Source of an in-memory entry instead of `entry` (the benchmark's SDK-only baselines); `entry` names it. */
  readonly contents?: string;
}

/**
 * Bundles one function and returns esbuild's metafile (what the bundle carries, by input).
 *
 * @example await bundleFunction({ entry: path.join(REPO_ROOT, 'services/notify-sms/src/handler.ts'), outfile: 'cdk.out/sms/index.js', sourcemap: true });
 */
export async function bundleFunction(options: FunctionBundleOptions): Promise<Metafile> {
  const prune = options.prune ?? (options.contents === undefined ? pruneRulesFor(options.entry) : []);
  const source: BuildOptions =
    options.contents === undefined
      ? { entryPoints: [options.entry] }
      : { stdin: { contents: options.contents, resolveDir: path.dirname(options.entry), sourcefile: path.basename(options.entry), loader: 'ts' } };
  const result = await build({
    ...FUNCTION_BUILD_OPTIONS,
    ...source,
    outfile: options.outfile,
    metafile: true,
    ...(options.sourcemap ? { sourcemap: true, sourcesContent: false } : {}),
    plugins: prune.length > 0 ? [pruneModules(prune)] : [],
  });
  return result.metafile;
}
