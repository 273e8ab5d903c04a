/**
 * Config validators compiled at load time, with Ajv, for plugins that are not bundled (tests, the
 * conformance kit, a local manifest naming a plugin file). A bundled notifier never imports this
 * module: `bank-plugins sync` compiles its plugins' config schemas at build time.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ChannelPlugin } from './contract';
import { checkPluginConfig, CONFIG_VALIDATION_OPTIONS, configSchemaDraft, type ConfigValidator } from './config-validation';
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
  const cached = validators.get(plugin);
  if (cached) return cached;
  let validate: ValidateFunction;
  try {
    validate = ajvFor(configSchemaDraft(plugin.configSchema)).compile(plugin.configSchema);
  } catch (error) {
    throw new PluginConfigError(`plugin ${plugin.id} declares an invalid configSchema`, [], { cause: error });
  }
  validators.set(plugin, validate);
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
