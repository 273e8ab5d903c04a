export { createDeliveryStatusHandler } from './create-handler';
export type { DeliveryStatusHandler, DeliveryStatusOptions } from './create-handler';
export { handleCallback } from './handle-callback';
export type { CallbackInput, CallbackPorts, CallbackResult, RefusedResult } from './handle-callback';
export { loadCallbackProviders } from './callback-providers';
export type { BundledCallbacks, CallbackProvider } from './callback-providers';
export type { ChannelDisabler, DisableReason, StatusMetrics } from './ports';
export { CALLBACK_CONFIG_VALIDATORS_MODULE, CALLBACK_PLUGIN_MAP_FILE, callbackPluginPackages, callbackPlugins, renderCallbackFiles, renderCallbackPluginMap } from './bundle/callback-plugin-map';
export type { CallbackPlugin } from './bundle/callback-plugin-map';
