import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NotifierConfigError } from './errors';

export type EnvSource = Readonly<Record<string, string | undefined>>;

export interface NotifierEnvConfig {
  readonly accountsTable: string;
  readonly deliveriesTable: string;
  /** Overrides the topology's maxReceiveCount (the backoff schedule and `failure-attempts` context). */
  readonly maxReceiveCount?: number;
  /** Raw `NOTIFIER_MANIFEST`: JSON text or a file path. */
  readonly manifestOverride?: string;
  /**
   * Inside Lambda (`AWS_LAMBDA_FUNCTION_NAME` is set by the runtime) only bundled plugins load:
   * a manifest can choose among them but never import a module by path.
   */
  readonly bundledPluginsOnly: boolean;
  /**
   * The local stack (`BANK_PROVIDER_SANDBOX=true`, which it alone sets): provider configs may point
   * at the sandbox. Elsewhere a plugin refuses a sandbox configuration (its productionProblems).
   */
  readonly providerSandbox: boolean;
}

export function notifierConfigFromEnv(env: EnvSource): NotifierEnvConfig {
  const max = env.MAX_RECEIVE_COUNT ? Number.parseInt(env.MAX_RECEIVE_COUNT, 10) : undefined;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new NotifierConfigError('MAX_RECEIVE_COUNT must be a positive integer');
  const manifest = env.NOTIFIER_MANIFEST?.trim();
  return {
    accountsTable: env.ACCOUNTS_TABLE || 'CheckingAccountTransactions',
    deliveriesTable: env.DELIVERIES_TABLE || 'NotificationDeliveries',
    ...(max !== undefined ? { maxReceiveCount: max } : {}),
    ...(manifest ? { manifestOverride: manifest } : {}),
    bundledPluginsOnly: Boolean(env.AWS_LAMBDA_FUNCTION_NAME),
    // Never in Lambda, whatever the environment says.
    providerSandbox: env.BANK_PROVIDER_SANDBOX === 'true' && !env.AWS_LAMBDA_FUNCTION_NAME,
  };
}

/** `NOTIFIER_MANIFEST` is JSON when it starts with `{`, otherwise a file path (relative to `baseDir`). */
export function readManifestSource(source: string, baseDir = process.cwd()): unknown {
  if (source.startsWith('{')) return source;
  const file = path.resolve(baseDir, source);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new NotifierConfigError(`cannot read NOTIFIER_MANIFEST file ${file}`, { cause: error });
  }
}
