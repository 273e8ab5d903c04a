import type { ChannelPlugin, SecretRequirement } from './contract';
import { PluginConfigError } from './errors';

/** `accountSid` → `ACCOUNT_SID`, `api-key` → `API_KEY`, `twilio` → `TWILIO`. */
export function envName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/**
 * The environment variable through which a notifier learns where a secret is (never its value):
 * secret `twilio` → `TWILIO_SECRET_ARN`.
 *
 * @example secretArnVariable('twilio') // 'TWILIO_SECRET_ARN'
 */
export function secretArnVariable(secretName: string): string {
  return `${envName(secretName)}_SECRET_ARN`;
}

/**
 * The manifest variable a secret's key becomes: (`twilio`, `authToken`) → `TWILIO_AUTH_TOKEN`.
 *
 * @example secretKeyVariable('sendgrid', 'apiKey') // 'SENDGRID_API_KEY'
 */
export function secretKeyVariable(secretName: string, key: string): string {
  return `${envName(secretName)}_${envName(key)}`;
}

/**
 * The secrets a set of plugins needs, one entry per secret name with the union of the keys the
 * plugins declare (the SMS and WhatsApp plugins of one vendor share one secret).
 *
 * @example secretsOf([smsPlugin, whatsappPlugin]) // [{ name: 'twilio', keys: ['accountSid', 'authToken'] }]
 */
export function secretsOf(plugins: readonly Pick<ChannelPlugin<never>, 'secrets'>[]): SecretRequirement[] {
  const keys = new Map<string, Set<string>>();
  for (const secret of plugins.flatMap((plugin) => plugin.secrets ?? [])) {
    const known = keys.get(secret.name) ?? new Set<string>();
    for (const key of secret.keys) known.add(key);
    keys.set(secret.name, known);
  }
  return [...keys].map(([name, set]) => ({ name, keys: [...set].sort() }));
}

/** A public value the account API serves: its variable, and the secret and key it comes from. */
export interface ApiEnvEntry {
  readonly variable: string;
  readonly secret: string;
  readonly key: string;
}

/** An environment variable's name as the API reads it: upper-case snake case. */
const API_ENV_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * The public values a set of plugins has the account API serve (their secrets' `apiEnv`), by
 * variable name. Deploy time only (the CDK stack; the notifiers never read it). Throws
 * PluginConfigError for a variable that is not an environment variable's name, names a key its
 * secret does not declare, or is given two values.
 *
 * @example apiEnvOf([webPushPlugin]) // [{ variable: 'VAPID_PUBLIC_KEY', secret: 'vapid', key: 'publicKey' }]
 */
export function apiEnvOf(plugins: readonly Pick<ChannelPlugin<never>, 'secrets'>[]): ApiEnvEntry[] {
  const entries = new Map<string, ApiEnvEntry>();
  for (const secret of plugins.flatMap((plugin) => plugin.secrets ?? [])) {
    for (const [variable, key] of Object.entries(secret.apiEnv ?? {})) {
      const where = `secret ${secret.name}: apiEnv ${variable}`;
      if (!API_ENV_NAME.test(variable)) throw new PluginConfigError(`${where} is not an environment variable's name (upper-case snake case)`);
      if (!secret.keys.includes(key)) throw new PluginConfigError(`${where} names key ${key}, which the secret does not declare`);
      const earlier = entries.get(variable);
      if (earlier && (earlier.secret !== secret.name || earlier.key !== key)) {
        throw new PluginConfigError(`${where} is ${secret.name}.${key}, and another plugin's ${earlier.secret}.${earlier.key}`);
      }
      entries.set(variable, { variable, secret: secret.name, key });
    }
  }
  return [...entries.values()].sort((a, b) => a.variable.localeCompare(b.variable));
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * The environment the local stack sets for a set of plugins: every plugin's `local.env`, with the
 * sandbox's `{placeholders}` filled from `values`. An unknown placeholder, or two plugins that want
 * different values for one variable, is a PluginConfigError naming the plugin.
 *
 * @example localEnvOf([sendgridPlugin], { sandboxUrl: 'http://127.0.0.1:4010' }) // { SENDGRID_BASE_URL: 'http://127.0.0.1:4010', ... }
 */
export function localEnvOf(
  plugins: readonly Pick<ChannelPlugin<never>, 'id' | 'channel' | 'local'>[],
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const plugin of plugins) {
    for (const [name, template] of Object.entries(plugin.local?.env ?? {})) {
      const value = template.replace(PLACEHOLDER, (_match, key: string) => {
        const filled = values[key];
        if (filled === undefined) throw new PluginConfigError(`plugin ${plugin.channel}/${plugin.id}: local setting ${name} uses unknown placeholder {${key}}`);
        return filled;
      });
      if (env[name] !== undefined && env[name] !== value) {
        throw new PluginConfigError(`plugin ${plugin.channel}/${plugin.id}: local setting ${name} conflicts with another plugin's value`);
      }
      env[name] = value;
    }
  }
  return env;
}
