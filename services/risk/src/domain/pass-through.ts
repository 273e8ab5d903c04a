import type { RiskPolicy } from '@bank/risk-policy';
import { counterpartiesOf, MINUTE_MS, sumOf, within, type PatternMatch } from './pattern-match';
import { distinctByEvent, type WindowEntry } from './window-entry';

/** `share` is honoured to six decimal places; the comparison itself is exact integer arithmetic. */
const SHARE_SCALE = 1_000_000n;

/** True when `out` is at least `share` of `deposit` (no float rounding: 0.9 × $1000 is $900, not $899.99…). */
export function reachesShare(out: number, deposit: number, share: number): boolean {
  return BigInt(out) * SHARE_SCALE >= BigInt(Math.round(share * Number(SHARE_SCALE))) * BigInt(deposit);
}

/**
 * Pass-through: at least `share` of a deposit (or incoming transfer) of at least `minDeposit`
 * leaves the account by withdrawals or outgoing transfers within `withinMinutes` after it
 * (both ends included). Decided from the whole window, whatever order the events arrived in;
 * each qualifying deposit is one match.
 *
 * @example
 * detectPassThrough(entries, policy.patterns.passThrough); // [] for ordinary use
 */
export function detectPassThrough(entries: readonly WindowEntry[], rule: RiskPolicy['patterns']['passThrough']): PatternMatch[] {
  const ordered = distinctByEvent(entries);
  const outgoing = ordered.filter((entry) => entry.direction === 'out');
  return ordered
    .filter((entry) => entry.direction === 'in' && entry.amount >= rule.minDeposit)
    .flatMap((deposit): PatternMatch[] => {
      const windowEnd = deposit.at + rule.withinMinutes * MINUTE_MS;
      const left = within(outgoing, deposit.at, windowEnd);
      const totalOut = sumOf(left);
      if (!reachesShare(totalOut, deposit.amount, rule.share)) return [];
      return [{ pattern: 'pass-through', accountId: deposit.accountId, trigger: deposit, windowStart: deposit.at, windowEnd, outgoing: left, totalOut, counterparties: counterpartiesOf(left) }];
    });
}
