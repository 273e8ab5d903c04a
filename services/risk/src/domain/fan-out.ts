import type { RiskPolicy } from '@bank/risk-policy';
import { counterpartiesOf, MINUTE_MS, sumOf, within, type PatternMatch } from './pattern-match';
import { distinctByEvent, type WindowEntry } from './window-entry';

/**
 * Fan-out: outgoing transfers to at least `counterparties` distinct accounts within
 * `withinMinutes` (a window that starts at one of the transfers, both ends included). Every
 * transfer that starts such a window is a match; the caller opens one case per episode (see
 * `overlapsCase`), so a long burst does not open a case per transfer.
 *
 * @example
 * detectFanOut(entries, policy.patterns.fanOut);
 */
export function detectFanOut(entries: readonly WindowEntry[], rule: RiskPolicy['patterns']['fanOut']): PatternMatch[] {
  const transfers = distinctByEvent(entries).filter((entry) => entry.eventType === 'TransferSent');
  return transfers.flatMap((first): PatternMatch[] => {
    const windowEnd = first.at + rule.withinMinutes * MINUTE_MS;
    const burst = within(transfers, first.at, windowEnd);
    const counterparties = counterpartiesOf(burst);
    if (counterparties < rule.counterparties) return [];
    return [{ pattern: 'fan-out', accountId: first.accountId, trigger: first, windowStart: first.at, windowEnd, outgoing: burst, totalOut: sumOf(burst), counterparties }];
  });
}
