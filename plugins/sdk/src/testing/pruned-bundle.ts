import { build } from 'esbuild';
import { pruneModules, type PruneRule } from '../bundle/prune-modules';

/**
 * Bundles a plugin package's entry the way a notifier bundle carries it (minified CommonJS for
 * Node 22, with its prune rules), for tests that load the bundle and send through it.
 *
 * @example const { bytes } = await bundlePlugin(path.join(packageDir, 'src/index.ts'), outfile, bundling.prune);
 */
export async function bundlePlugin(entry: string, outfile: string, prune: readonly PruneRule[] = []): Promise<{ readonly bytes: number }> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'silent',
    plugins: prune.length > 0 ? [pruneModules(prune)] : [],
  });
  return { bytes: Object.values(result.metafile.outputs)[0]?.bytes ?? 0 };
}
