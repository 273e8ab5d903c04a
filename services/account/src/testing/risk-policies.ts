import { DEFAULT_RISK_POLICY, type RiskPolicy, type RiskPolicySource } from '@bank/risk-policy';

/**
 * A policy under which no rule fires for ordinary test traffic (no hold, no new-account cap, a
 * velocity window of one minute and the most debits a policy allows), for tests that are not
 * about risk. Tests about risk pass the policy they test.
 */
export const PERMISSIVE_RISK_POLICY: RiskPolicy = {
  ...DEFAULT_RISK_POLICY,
  reviewAmount: 100_000_000_000,
  newAccount: { days: 0, maxDebit: 100_000_000_000 },
  velocity: { maxDebits: 100, windowMinutes: 1 },
};

/** A policy source that always answers `policy` (the stored one of a test). */
export function staticPolicy(policy: RiskPolicy = PERMISSIVE_RISK_POLICY): RiskPolicySource {
  return { current: async () => ({ policy, version: 0 }) };
}
