/**
 * Config validators compiled at load time, with Ajv, for plugins that are not bundled (tests, the
 * conformance kit, a local manifest naming a plugin file). A bundled notifier never imports this
 * module: `bank-plugins sync` compiles its plugins' config schemas at build time.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { CallbackReader, StatusCallbacks } from './callbacks';
import type { ChannelPlugin, JsonSchema } from './contract';
import { checkConfig, checkPluginConfig, CONFIG_VALIDATION_OPTIONS, configSchemaDraft, type ConfigValidator } from './config-validation';
import { PluginConfigError } from './errors';

let instances: { readonly '07': Ajv; readonly '2020-12': Ajv2020 } | undefined;
const ajvFor = (draft: '07' | '2020-12'): Ajv =>
  (instances ??= { '07': addFormats(new Ajv(CONFIG_VALIDATION_OPTIONS)), '2020-12': addFormats(new Ajv2020(CONFIG_VALIDATION_OPTIONS)) })[draft];

// Compiled once per plugin object, for the lifetime of that plugin.
const validators = new WeakMap<object, ValidateFunction>();

/**
 * The plugin's config schema compiled with the options bundled notifiers use. Throws
 * PluginConfigError when the schema itself is invalid.
 *
 * @example loadChannelProviders(manifest, { compileConfig: compileConfigValidator })
 */
export function compileConfigValidator(plugin: ChannelPlugin<unknown>): ConfigValidator {
  return compileOwned(plugin, `plugin ${plugin.id}`);
}

function compileOwned(owner: { readonly configSchema: JsonSchema }, name: string): ConfigValidator {
  const cached = validators.get(owner);
  if (cached) return cached;
  let validate: ValidateFunction;
  try {
    validate = ajvFor(configSchemaDraft(owner.configSchema)).compile(owner.configSchema);
  } catch (error) {
    throw new PluginConfigError(`${name} declares an invalid configSchema`, [], { cause: error });
  }
  validators.set(owner, validate);
  return validate;
}

/**
 * Validates `config` against the plugin's configSchema (compiled here) and returns a copy with
 * schema defaults applied and scalar types coerced. Throws PluginConfigError listing every problem.
 *
 * @example const config = validatePluginConfig(plugin, { apiKey: 'k', port: '2525' }); // port: 2525
 */
export function validatePluginConfig<Config>(plugin: ChannelPlugin<Config>, config: unknown): Config {
  return checkPluginConfig(plugin, config, compileConfigValidator(plugin as ChannelPlugin<unknown>));
}

/**
 * The same for a plugin's status callbacks: validates against `callbacks.configSchema`, defaults
 * applied, and throws PluginConfigError naming paths, never values. Compiled here, at load time:
 * only the delivery-status function reads callbacks, and their schemas are a key or two.
 *
 * @example const config = validateCallbackConfig(plugin.callbacks, interpolateEnv(plugin.callbacks.config, env));
 */
export function validateCallbackConfig<Config>(callbacks: StatusCallbacks<Config>, config: unknown): Config {
  const name = `callbacks of provider ${callbacks.provider}`;
  return checkConfig<Config>(name, config, compileOwned(callbacks, name));
}

/**
 * Starts a plugin's callback reader from its raw (already interpolated) config: validates it
 * against the declared schema, then `create`s. Throws PluginConfigError.
 *
 * @example const reader = createCallbackReader(plugin.callbacks, interpolateEnv(plugin.callbacks.config, env));
 */
export function createCallbackReader(callbacks: StatusCallbacks<never>, config: unknown): CallbackReader {
  const typed = callbacks as StatusCallbacks<unknown>;
  return typed.create(validateCallbackConfig(typed, config));
}
