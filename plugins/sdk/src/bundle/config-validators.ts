import { renderValidatorExpression, runtimeImport } from '@bank/schemas/codegen';
import type { StatusCallbacks } from '../callbacks';
import type { ChannelPlugin, JsonSchema } from '../contract';
import { CONFIG_VALIDATION_OPTIONS, configSchemaDraft } from '../config-validation';

/** Where a notifier service keeps its plugins' compiled config validators (`.js` and `.d.ts`), relative to its directory. */
export const CONFIG_VALIDATORS_MODULE = 'src/plugin-configs.generated';

export interface BundledPlugin {
  readonly specifier: string;
  readonly plugin: ChannelPlugin<unknown>;
}

const BANNER = "// Generated from manifest.json by `bank-plugins sync` (the package's `npm run build`): the bundled plugins' config schemas, compiled. Do not edit.";

/**
 * The source of `src/plugin-configs.generated.js` and its declarations: each bundled plugin's
 * config schema compiled with the options `checkPluginConfig` expects, keyed by specifier, so a
 * notifier neither carries Ajv nor compiles a schema when it starts.
 *
 * @example renderConfigValidators([{ specifier: '@bank/plugin-sms-twilio', plugin: smsTwilioPlugin }]).js
 */
export function renderConfigValidators(plugins: readonly BundledPlugin[]): { readonly js: string; readonly dts: string } {
  return renderValidatorMap(BANNER, 'configValidators', plugins.map(({ specifier, plugin }) => [specifier, plugin.configSchema]));
}

/**
 * The same for status callbacks (`callbackConfigValidators`, keyed by provider): what the
 * delivery-status function checks each provider's callback config with, compiled at build time.
 *
 * @example renderCallbackConfigValidators([twilioCallbacks], banner).js
 */
export function renderCallbackConfigValidators(callbacks: readonly StatusCallbacks<never>[], banner: string): { readonly js: string; readonly dts: string } {
  return renderValidatorMap(banner, 'callbackConfigValidators', callbacks.map((c) => [c.provider, c.configSchema]));
}

/** A module exporting `name`: key → the schema compiled with the options `checkConfig` expects. */
function renderValidatorMap(banner: string, name: string, schemas: readonly (readonly [string, JsonSchema])[]): { readonly js: string; readonly dts: string } {
  const entries = schemas.map(([key, schema]) => {
    const expression = renderValidatorExpression({ draft: configSchemaDraft(schema), options: CONFIG_VALIDATION_OPTIONS, schemas: { config: schema } });
    return `  ${JSON.stringify(key)}: ${expression}.config,`;
  });
  const js = [banner, runtimeImport('@bank/plugin-sdk/config-runtime'), '', `export const ${name} = {`, ...entries, '};', ''].join('\n');
  const dts = [banner, "import type { ConfigValidator } from '@bank/plugin-sdk';", '', `export declare const ${name}: Readonly<Record<string, ConfigValidator>>;`, ''].join('\n');
  return { js, dts };
}
