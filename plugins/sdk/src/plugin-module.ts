import type { StatusCallbacks } from './callbacks';
import type { ChannelPlugin } from './contract';
import { PluginConfigError } from './errors';

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/** True when `value` has the shape of a ChannelPlugin (data + factory). */
export function isChannelPlugin(value: unknown): value is ChannelPlugin<unknown> {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    value.id !== '' &&
    typeof value.channel === 'string' &&
    value.channel !== '' &&
    typeof value.version === 'string' &&
    isObject(value.configSchema) &&
    typeof value.create === 'function'
  );
}

/**
 * Finds the plugin in a loaded module, whatever the interop did to it: an ES module's default export,
 * a CommonJS `module.exports = plugin`, or a transpiled module seen through another default wrapper.
 */
export function pluginFromModule(mod: unknown, specifier: string): ChannelPlugin<unknown> {
  const candidates: unknown[] = [];
  if (isObject(mod)) {
    const first = mod.default;
    if (isObject(first)) candidates.push(first.default, first);
    candidates.push(mod);
  }
  const plugin = candidates.find(isChannelPlugin);
  if (!plugin) {
    throw new PluginConfigError(`module ${specifier} does not export a channel plugin as its default export`, [
      { path: specifier, message: 'default export must have id, channel, version, configSchema and create()' },
    ]);
  }
  return plugin;
}

/**
 * The status callbacks a plugin package exports at `<package>/callbacks` (as `callbacks`): the
 * plugin's own `callbacks` object, in a module that carries none of the sending code, for a host
 * that only reads callbacks.
 *
 * @example callbacksFromModule(await import('@bank/plugin-sms-twilio/callbacks'), '@bank/plugin-sms-twilio/callbacks').provider // 'twilio'
 */
export function callbacksFromModule(mod: unknown, specifier: string): StatusCallbacks<never> {
  const callbacks = isObject(mod) ? mod.callbacks : undefined;
  if (!isObject(callbacks) || typeof callbacks.provider !== 'string' || callbacks.provider === '' || !isObject(callbacks.configSchema) || !isObject(callbacks.config) || typeof callbacks.create !== 'function') {
    throw new PluginConfigError(`module ${specifier} does not export status callbacks`, [
      { path: specifier, message: 'must export `callbacks` with provider, configSchema, config and create()' },
    ]);
  }
  return callbacks as unknown as StatusCallbacks<never>;
}
