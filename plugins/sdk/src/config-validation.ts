import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { StatusCallbacks } from './callbacks';
import type { ChannelPlugin, JsonSchema } from './contract';
import { PluginConfigError } from './errors';

export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

// coerceTypes: manifest values interpolated from the environment are strings ("2525" for a port).
// useDefaults: plugins declare their defaults (timeouts, base URLs) in the schema, once.
const AJV_OPTIONS = { allErrors: true, useDefaults: true, coerceTypes: true, strict: false } as const;
const draft07 = addFormats(new Ajv(AJV_OPTIONS));
const draft2020 = addFormats(new Ajv2020(AJV_OPTIONS));

// Compiled once per plugin object, for the lifetime of that plugin.
const validators = new WeakMap<object, ValidateFunction>();

function validatorFor(owner: { readonly configSchema: JsonSchema }, name: string): ValidateFunction {
  const cached = validators.get(owner);
  if (cached) return cached;
  const schema = owner.configSchema;
  const ajv = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12') ? draft2020 : draft07;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new PluginConfigError(`${name} declares an invalid configSchema`, [], { cause: error });
  }
  validators.set(owner, validate);
  return validate;
}

function toIssue(error: ErrorObject): ConfigIssue {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  const path = missing ? `${error.instancePath}/${missing}` : error.instancePath || '/';
  return { path, message: error.message ?? error.keyword };
}

/**
 * Validates `config` against the plugin's configSchema and returns a copy with schema defaults
 * applied and scalar types coerced. Throws PluginConfigError listing every problem.
 * Messages carry paths and rules, never the config values (they may be secrets).
 */
export function validatePluginConfig<Config>(plugin: ChannelPlugin<Config>, config: unknown): Config {
  return validateAgainst<Config>(plugin, `plugin ${plugin.id}`, config);
}

/**
 * The same for a plugin's status callbacks: validates against `callbacks.configSchema`, defaults
 * applied, and throws PluginConfigError naming paths, never values.
 *
 * @example const config = validateCallbackConfig(plugin.callbacks, interpolateEnv(plugin.callbacks.config, env));
 */
export function validateCallbackConfig<Config>(callbacks: StatusCallbacks<Config>, config: unknown): Config {
  return validateAgainst<Config>(callbacks, `callbacks of provider ${callbacks.provider}`, config);
}

function validateAgainst<Config>(owner: { readonly configSchema: JsonSchema }, name: string, config: unknown): Config {
  const validate = validatorFor(owner, name);
  const copy: unknown = config === undefined ? {} : structuredClone(config);
  if (validate(copy)) return copy as Config;
  const issues = (validate.errors ?? []).map(toIssue);
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  throw new PluginConfigError(`invalid config for ${name}: ${summary}`, issues);
}
