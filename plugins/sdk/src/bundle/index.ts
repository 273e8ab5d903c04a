export { PLUGIN_MAP_FILE, pluginPackages, renderPluginMap } from './plugin-map';
export { bundledPlugins, bundleProblems, readNotifierBundle, syncNotifierBundle } from './notifier-bundle';
export type { NotifierBundle } from './notifier-bundle';
