import type { WindowEntry } from './window-entry';

export type RiskPattern = 'pass-through' | 'fan-out';

/**
 * A pattern found in an account's window. `trigger` anchors it (the deposit of a pass-through,
 * the first transfer of a fan-out): the case id derives from it, so finding the same match
 * again (a replay, a later event) names the same case.
 */
export interface PatternMatch {
  readonly pattern: RiskPattern;
  readonly accountId: string;
  readonly trigger: WindowEntry;
  /** Epoch ms; the window is [start, end], both included. */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** The money that left within the window (withdrawals and outgoing transfers; for fan-out, the transfers). */
  readonly outgoing: readonly WindowEntry[];
  /** Sum of `outgoing`, minor units. */
  readonly totalOut: number;
  /** Distinct destination accounts of `outgoing` transfers. */
  readonly counterparties: number;
}

export const MINUTE_MS = 60_000;

export const sumOf = (entries: readonly WindowEntry[]): number => entries.reduce((sum, entry) => sum + entry.amount, 0);

export const counterpartiesOf = (entries: readonly WindowEntry[]): number =>
  new Set(entries.flatMap((entry) => (entry.eventType === 'TransferSent' && entry.counterpartyAccountId ? [entry.counterpartyAccountId] : []))).size;

export const within = (entries: readonly WindowEntry[], start: number, end: number): WindowEntry[] => entries.filter((entry) => entry.at >= start && entry.at <= end);
