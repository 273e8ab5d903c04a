import type { CallbackReader, StatusCallbacks } from './callbacks';
import type { ChannelPlugin, JsonSchema } from './contract';
import { PluginConfigError } from './errors';

export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** The part of an Ajv error a config check reports. */
export interface ConfigValidationError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/**
 * A compiled config schema: applies defaults and coerces scalars in place, returns whether the
 * config is valid and leaves the reasons in `errors`. `bank-plugins sync` compiles one per bundled
 * plugin at build time (`src/plugin-configs.generated.js`); `compileConfigValidator`
 * (`@bank/plugin-sdk/config-compiler`) compiles one at load time, for plugins that are not bundled.
 */
export type ConfigValidator = ((config: unknown) => boolean) & { errors?: readonly ConfigValidationError[] | null };

/**
 * How plugin configs are validated, wherever they are compiled. coerceTypes: manifest values
 * interpolated from the environment are strings ("2525" for a port). useDefaults: plugins declare
 * their defaults (timeouts, base URLs) in the schema, once.
 */
export const CONFIG_VALIDATION_OPTIONS = { allErrors: true, useDefaults: true, coerceTypes: true, strict: false } as const;

/** The JSON Schema dialect of a config schema: 2020-12 when it says so, else draft-07. */
export function configSchemaDraft(schema: JsonSchema): '2020-12' | '07' {
  return typeof schema.$schema === 'string' && schema.$schema.includes('2020-12') ? '2020-12' : '07';
}

function toIssue(error: ConfigValidationError): ConfigIssue {
  const missing = error.keyword === 'required' ? error.params.missingProperty : undefined;
  const path = typeof missing === 'string' ? `${error.instancePath}/${missing}` : error.instancePath || '/';
  return { path, message: error.message ?? error.keyword };
}

/**
 * Checks `config` with the plugin's compiled config validator and returns a copy with schema
 * defaults applied and scalar types coerced. Throws PluginConfigError listing every problem.
 * Messages carry paths and rules, never the config values (they may be secrets).
 *
 * @example
 * const config = checkPluginConfig(plugin, interpolateEnv(entry.config, env, where), configValidators[entry.plugin]);
 */
export function checkPluginConfig<Config>(plugin: ChannelPlugin<Config>, config: unknown, validate: ConfigValidator): Config {
  return checkConfig<Config>(`plugin ${plugin.id}`, config, validate);
}

/** The same check for any config `name` describes (a plugin's, its status callbacks'). */
export function checkConfig<Config>(name: string, config: unknown, validate: ConfigValidator): Config {
  const copy: unknown = config === undefined ? {} : structuredClone(config);
  if (validate(copy)) return copy as Config;
  const issues = (validate.errors ?? []).map(toIssue);
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  throw new PluginConfigError(`invalid config for ${name}: ${summary}`, issues);
}

/**
 * Starts a provider's callback reader from its raw (already interpolated) config and the config
 * validator compiled at build time (`renderCallbackConfigValidators`). Throws PluginConfigError
 * naming paths, never values.
 *
 * @example const reader = startCallbackReader(callbacks, interpolateEnv(callbacks.config, env), callbackConfigValidators[callbacks.provider]);
 */
export function startCallbackReader(callbacks: StatusCallbacks<never>, config: unknown, validate: ConfigValidator | undefined): CallbackReader {
  const name = `callbacks of provider ${callbacks.provider}`;
  if (!validate) throw new PluginConfigError(`no compiled config validator for the ${name}; regenerate the host's validators`);
  return (callbacks as StatusCallbacks<unknown>).create(checkConfig(name, config, validate));
}
