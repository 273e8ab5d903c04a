import { renderValidatorExpression, runtimeImport } from '@bank/schemas/codegen';
import type { ChannelPlugin } from '../contract';
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
  const entries = plugins.map(({ specifier, plugin }) => {
    const expression = renderValidatorExpression({
      draft: configSchemaDraft(plugin.configSchema),
      options: CONFIG_VALIDATION_OPTIONS,
      schemas: { config: plugin.configSchema },
    });
    return `  ${JSON.stringify(specifier)}: ${expression}.config,`;
  });
  const js = [BANNER, runtimeImport('@bank/plugin-sdk/config-runtime'), '', 'export const configValidators = {', ...entries, '};', ''].join('\n');
  const dts = [
    BANNER,
    "import type { ConfigValidator } from '@bank/plugin-sdk';",
    '',
    'export declare const configValidators: Readonly<Record<string, ConfigValidator>>;',
    '',
  ].join('\n');
  return { js, dts };
}
