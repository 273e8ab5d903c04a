/**
 * Bundling hints a plugin package declares for the vendor SDK it wraps: modules of that SDK the
 * plugin's code never reaches, which the bundler replaces with a stub. A vendor SDK that loads
 * its products lazily (`require('./Chat')` in a getter) still ships all of them in a bundle; the
 * stub keeps them out. Build time only (esbuild, in the CDK bundling and the bench).
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Replace what `importer` requires with a stub when the request matches `request` and not `keep`.
 * Patterns are regular expression sources (data, so rules cross process boundaries as JSON).
 */
export interface PruneRule {
  /** Path of the requiring file, matched against its path with `/` separators (e.g. `/twilio/lib/rest/Twilio\\.js$`). */
  readonly importer: string;
  /** The request as written (`^\\./[A-Z]` for `require("./Chat")`). */
  readonly request: string;
  /** Requests that stay even though `request` matches (`^\\./Api$`). */
  readonly keep?: string;
  /** Said by the stub when pruned code is reached after all (a bug in the rule, never silent). */
  readonly reason: string;
}

/** What a plugin package's `./bundling` subpath exports. */
export interface PluginBundling {
  /** Rules for every bundle carrying the plugin. */
  readonly prune: readonly PruneRule[];
  /**
   * Rules for a notifier's bundle only: what sending never reaches but another function bundling
   * the plugin does (its status-callback verifier, which delivery-status runs through `<plugin>/callbacks`).
   */
  readonly notifierPrune?: readonly PruneRule[];
}

/** Which function a plugin is bundled into: a notifier (it sends) or another (delivery-status reads callbacks). */
export interface PruneRulesOptions {
  readonly notifier: boolean;
}

const NAMESPACE = 'bank-pruned';

/**
 * The module a pruned request turns into: any property read gives the stub back (so a module
 * that re-exports pruned parts still loads), and calling or constructing it throws.
 */
function stubSource(request: string, reason: string): string {
  const message = JSON.stringify(`${request} was left out of this bundle (${reason})`);
  return [
    'const fail = () => { throw new Error(' + message + '); };',
    'const stub = new Proxy(function pruned() {}, {',
    "  get: (_target, key) => (key === '__esModule' ? true : typeof key === 'symbol' || key === 'then' ? undefined : stub),",
    '  apply: fail,',
    '  construct: fail,',
    '});',
    'module.exports = stub;',
  ].join('\n');
}

const toPosix = (file: string): string => file.split(path.sep).join('/');

/**
 * An esbuild plugin applying prune rules; requests no rule matches resolve as usual.
 *
 * @example await build({ entryPoints: ['src/handler.ts'], bundle: true, plugins: [pruneModules(bundling.prune)] });
 */
export function pruneModules(rules: readonly PruneRule[]): Plugin {
  const compiled = rules.map((rule) => ({
    importer: new RegExp(rule.importer),
    request: new RegExp(rule.request),
    keep: rule.keep === undefined ? undefined : new RegExp(rule.keep),
    reason: rule.reason,
  }));
  return {
    name: 'prune-modules',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'require-call' && args.kind !== 'import-statement') return undefined;
        const importer = toPosix(args.importer);
        const rule = compiled.find((r) => r.importer.test(importer) && r.request.test(args.path) && !r.keep?.test(args.path));
        if (!rule) return undefined;
        return { path: `${importer}:${args.path}`, namespace: NAMESPACE, pluginData: { request: args.path, reason: rule.reason } };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const data = args.pluginData as { request: string; reason: string };
        return { contents: stubSource(data.request, data.reason), loader: 'js' };
      });
    },
  };
}

/**
 * The prune rules of the plugin packages a function bundles: each package may export them at
 * `<package>/bundling` (a `PluginBundling`); packages without that subpath have none. A notifier
 * also gets each package's `notifierPrune`.
 *
 * @example pruneModules(bundlePruneRules(['@bank/plugin-sms-twilio'], serviceDir, { notifier: true }))
 */
export function bundlePruneRules(packages: readonly string[], serviceDir: string, options: PruneRulesOptions): PruneRule[] {
  return packages.flatMap((name) => {
    let file: string;
    try {
      file = require.resolve(`${name}/bundling`, { paths: [serviceDir] });
    } catch {
      return [];
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- build time, synchronous like bundledPlugins
    const declared = (require(file) as { bundling?: PluginBundling }).bundling;
    if (!declared) return [];
    return options.notifier ? [...declared.prune, ...(declared.notifierPrune ?? [])] : [...declared.prune];
  });
}
