import { evaluateDebit, type DebitDecision, type RiskPolicy, type RiskPolicySource } from '@bank/risk-policy';
import { AccountClosedError, AccountFrozenError, InsufficientFundsError, LimitExceededError, VelocityLimitError } from './errors';
import type { Account } from './model';

/** A debit the rules let through (`allow`) or turned into a review hold (`hold`), with the policy in force. */
export type AcceptedDebit = Extract<DebitDecision, { outcome: 'allow' | 'hold' }> & { readonly policy: RiskPolicy };

const REFUSALS = {
  ACCOUNT_CLOSED: () => new AccountClosedError(),
  ACCOUNT_FROZEN: () => new AccountFrozenError(),
  INSUFFICIENT_FUNDS: () => new InsufficientFundsError(),
  VELOCITY_LIMIT: () => new VelocityLimitError(),
  LIMIT_EXCEEDED: () => new LimitExceededError('New accounts may not send more than this in one debit during their first days.'),
} as const;

/**
 * The synchronous risk rules of a debit, on the account as the command read it (no extra read:
 * the policy comes from a short-lived cache). A refusal is thrown as the error of its code.
 */
export async function checkDebit(policies: RiskPolicySource, account: Account, amount: number, now: Date): Promise<AcceptedDebit> {
  const { policy } = await policies.current();
  const decision = evaluateDebit({ policy, account, amount, now });
  if (decision.outcome === 'refuse') throw REFUSALS[decision.code]();
  return { ...decision, policy };
}

/** The rules that fired without being enforced (shadow mode), for the ledger record. */
export function unenforcedRules(decision: Pick<DebitDecision, 'fired'>): string[] | undefined {
  const rules = decision.fired.filter((hit) => !hit.enforced).map((hit) => hit.rule);
  return rules.length > 0 ? rules : undefined;
}
