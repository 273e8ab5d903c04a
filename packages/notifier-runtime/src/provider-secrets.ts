import type { EnvSource } from './config';

/** Reads one secret whose value is a JSON object (Secrets Manager in AWS). */
export interface SecretSource {
  getSecretJson(secretId: string): Promise<Readonly<Record<string, unknown>>>;
}

const SECRET_ARN = /^([A-Z][A-Z0-9_]*)_SECRET_ARN$/;

/** `accountSid` → `ACCOUNT_SID`, `apiKey` → `API_KEY`. */
export function envSuffix(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/**
 * Provider credentials without plain-text environment variables: for every `<NAME>_SECRET_ARN`
 * in the environment, the secret's JSON keys become `<NAME>_<KEY>` entries of the environment
 * the manifest is interpolated from (SENDGRID_SECRET_ARN {"apiKey"} → SENDGRID_API_KEY). The
 * values stay in this returned object: never written to process.env, never logged. Called once
 * per cold start. Knows no provider by name, so a new plugin's secret works the same way.
 */
export async function resolveSecretEnv(env: EnvSource, source: () => SecretSource): Promise<EnvSource> {
  const wanted = Object.entries(env).flatMap(([name, arn]) => {
    const match = SECRET_ARN.exec(name);
    return match?.[1] && arn ? [{ prefix: match[1], arn }] : [];
  });
  if (wanted.length === 0) return env;
  const secrets = source();
  const resolved: Record<string, string | undefined> = { ...env };
  for (const { prefix, arn } of wanted) {
    const values = await secrets.getSecretJson(arn);
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        resolved[`${prefix}_${envSuffix(key)}`] = String(value);
      }
    }
  }
  return resolved;
}
