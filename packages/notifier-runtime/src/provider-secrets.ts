import { envName } from '@bank/plugin-sdk';
import type { EnvSource } from './config';
import { type NotifierLogger, silentLogger } from './ports';

/** Reads one secret whose value is a JSON object (Secrets Manager in AWS). */
export interface SecretSource {
  getSecretJson(secretId: string): Promise<Readonly<Record<string, unknown>>>;
}

const SECRET_ARN = /^([A-Z][A-Z0-9_]*)_SECRET_ARN$/;

/**
 * Provider credentials without plain-text environment variables: for every `<NAME>_SECRET_ARN`
 * in the environment, the secret's JSON keys become `<NAME>_<KEY>` entries of the environment
 * the manifest is interpolated from (SENDGRID_SECRET_ARN {"apiKey"} → SENDGRID_API_KEY). The
 * values stay in this returned object: never written to process.env, never logged. Called once
 * per cold start. Knows no provider by name, so a new plugin's secret works the same way. A secret
 * that cannot be read is logged and left out: only the providers that need it fail to load.
 */
export async function resolveSecretEnv(env: EnvSource, source: () => SecretSource, logger: NotifierLogger = silentLogger): Promise<EnvSource> {
  const wanted = Object.entries(env).flatMap(([name, arn]) => {
    const match = SECRET_ARN.exec(name);
    return match?.[1] && arn ? [{ prefix: match[1], arn }] : [];
  });
  if (wanted.length === 0) return env;
  const secrets = source();
  const resolved: Record<string, string | undefined> = { ...env };
  for (const { prefix, arn } of wanted) {
    let values: Readonly<Record<string, unknown>>;
    try {
      values = await secrets.getSecretJson(arn);
    } catch (error) {
      logger.error('cannot read a provider secret; the providers that need it will not load', {
        variable: `${prefix}_SECRET_ARN`,
        error: error instanceof Error ? error.name : 'Error',
      });
      continue;
    }
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        resolved[`${prefix}_${envName(key)}`] = String(value);
      }
    }
  }
  return resolved;
}
