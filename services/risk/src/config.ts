import { DEFAULT_POLICY_MAX_AGE_MS } from '@bank/risk-policy';
import type { Topology } from '@bank/topology';
import { RiskServiceError } from './domain/errors';

export type EnvSource = Readonly<Record<string, string | undefined>>;

export interface RiskEnvConfig {
  readonly accountsTable: string;
  readonly riskTable: string;
  /** How long the policy is cached (RISK_POLICY_MAX_AGE_SECONDS; 0 on the local stack). */
  readonly policyMaxAgeMs: number;
}

/** Table names default to the topology's; `ACCOUNTS_TABLE`, `RISK_TABLE`, `RISK_POLICY_MAX_AGE_SECONDS` override. */
export function riskConfigFromEnv(env: EnvSource, topology: Topology): RiskEnvConfig {
  const maxAge = env.RISK_POLICY_MAX_AGE_SECONDS?.trim();
  const seconds = maxAge ? Number(maxAge) : DEFAULT_POLICY_MAX_AGE_MS / 1000;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 30) throw new RiskServiceError('RISK_POLICY_MAX_AGE_SECONDS must be a number from 0 to 30', 'RISK_CONFIG');
  return {
    accountsTable: env.ACCOUNTS_TABLE || topology.accountsTable.name,
    riskTable: env.RISK_TABLE || topology.riskTable.name,
    policyMaxAgeMs: seconds * 1000,
  };
}
