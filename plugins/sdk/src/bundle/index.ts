export { PLUGIN_MAP_FILE, pluginPackages, renderPluginMap } from './plugin-map';
export { bundledPlugins, bundleProblems, readNotifierBundle, syncNotifierBundle } from './notifier-bundle';
export type { NotifierBundle } from './notifier-bundle';
export { CONFIG_VALIDATORS_MODULE, renderCallbackConfigValidators, renderConfigValidators } from './config-validators';
export type { BundledPlugin } from './config-validators';
export { bundlePruneRules, pruneModules } from './prune-modules';
export type { PluginBundling, PruneRule, PruneRulesOptions } from './prune-modules';
export { FUNCTION_BUILD_OPTIONS } from './build-options';
