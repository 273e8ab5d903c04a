import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { FUNCTION_BUILD_OPTIONS } from '../bundle/build-options';
import { pruneModules, type PruneRule } from '../bundle/prune-modules';

/** A plugin package's entry bundled the way a notifier carries it, loaded like Lambda loads a bundle. */
export interface BundledPlugin<M> {
  readonly module: M;
  readonly bytes: number;
  /** Bundles the entry again without prune rules: the size to compare with. */
  unprunedBytes(): Promise<number>;
  /** Removes the bundles. */
  cleanup(): Promise<void>;
}

/**
 * Bundles `<packageDir>/src/index.ts` with the given prune rules into a temporary directory inside
 * the package (so its dependencies resolve as in the workspace) and requires it.
 *
 * @example const bundled = await loadPrunedPlugin<{ default: ChannelPlugin<unknown> }>(packageDir, bundling.prune);
 */
export async function loadPrunedPlugin<M>(packageDir: string, prune: readonly PruneRule[]): Promise<BundledPlugin<M>> {
  const dir = await mkdtemp(path.join(packageDir, 'tests', '.bundle-'));
  const bundle = async (name: string, rules: readonly PruneRule[]) => {
    const outfile = path.join(dir, name);
    const result = await build({ ...FUNCTION_BUILD_OPTIONS, entryPoints: [path.join(packageDir, 'src', 'index.ts')], outfile, metafile: true, plugins: rules.length > 0 ? [pruneModules(rules)] : [] });
    return { outfile, bytes: Object.values(result.metafile.outputs)[0]?.bytes ?? 0 };
  };
  const pruned = await bundle('pruned.js', prune);
  return {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, loaded the way Lambda loads it
    module: require(pruned.outfile) as M,
    bytes: pruned.bytes,
    unprunedBytes: async () => (await bundle('full.js', [])).bytes,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A vendor module bundled through prune rules and loaded; `cleanup` removes the bundle. */
export interface PrunedModule<M> {
  readonly module: M;
  cleanup(): Promise<void>;
}

/**
 * Bundles `require(request)` as a module in `resolveDir` reaches it (e.g. `asn1.js` from web-push's
 * directory), with the given prune rules, into a temporary directory under `tempParent`, and requires
 * it: for tests that reach a pruned part the plugin itself never calls.
 *
 * @example const { module: jws, cleanup } = await loadPrunedModule<typeof import('jws')>('jws', webPushDir, bundling.prune, __dirname);
 */
export async function loadPrunedModule<M>(request: string, resolveDir: string, prune: readonly PruneRule[], tempParent: string): Promise<PrunedModule<M>> {
  const dir = await mkdtemp(path.join(tempParent, '.pruned-'));
  const outfile = path.join(dir, 'bundle.js');
  try {
    await build({ ...FUNCTION_BUILD_OPTIONS, stdin: { contents: `module.exports = require(${JSON.stringify(request)});`, resolveDir }, outfile, plugins: [pruneModules(prune)] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, loaded the way Lambda loads it
    return { module: require(outfile) as M, cleanup: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
