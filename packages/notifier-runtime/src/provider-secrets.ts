import { envName, secretArnVariable, type SecretRequirement } from '@bank/plugin-sdk';
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
 * that cannot be read is logged and left out: only the providers that need it fail to load. When
 * the plugins' declarations are given, a declared secret yields only its declared keys: anything
 * else stored in it is ignored, and the names (never values) of keys that no plugin declares
 * (`known`, by default the declarations read) are logged.
 */
export async function resolveSecretEnv(
  env: EnvSource,
  source: () => SecretSource,
  logger: NotifierLogger = silentLogger,
  declared: readonly SecretRequirement[] = [],
  known: readonly SecretRequirement[] = declared,
): Promise<EnvSource> {
  const keysBy = (secrets: readonly SecretRequirement[]) => {
    const byVariable = new Map<string, Set<string>>();
    for (const secret of secrets) {
      const variable = secretArnVariable(secret.name);
      byVariable.set(variable, new Set([...(byVariable.get(variable) ?? []), ...secret.keys]));
    }
    return byVariable;
  };
  const declaredKeys = keysBy(declared);
  const knownKeys = keysBy(known);
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
    const allowed = declaredKeys.get(`${prefix}_SECRET_ARN`);
    const recognised = knownKeys.get(`${prefix}_SECRET_ARN`) ?? allowed;
    const undeclared = allowed ? Object.keys(values).filter((key) => !allowed.has(key) && !recognised?.has(key)) : [];
    if (undeclared.length > 0) logger.warn('secret holds keys no plugin declares; they are ignored', { variable: `${prefix}_SECRET_ARN`, keys: undeclared });
    for (const [key, value] of Object.entries(values)) {
      if (allowed && !allowed.has(key)) continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        resolved[`${prefix}_${envName(key)}`] = String(value);
      }
    }
  }
  return resolved;
}
