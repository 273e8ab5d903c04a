import { ageMs, type DlqMessage } from './dlq-message';

/** `--type`, `--account`, `--older-than` (all optional; all given ones must match). */
export interface MessageFilter {
  readonly type?: string | undefined;
  readonly accountId?: string | undefined;
  readonly olderThanMs?: number | undefined;
}

export function isUnfiltered(filter: MessageFilter): boolean {
  return filter.type === undefined && filter.accountId === undefined && filter.olderThanMs === undefined;
}

/** A message of unknown age never matches `--older-than` (it is not known to be that old). */
export function matchesFilter(message: DlqMessage, filter: MessageFilter, nowMs: number): boolean {
  if (filter.type !== undefined && message.event.type !== filter.type) return false;
  if (filter.accountId !== undefined && message.event.accountId !== filter.accountId) return false;
  if (filter.olderThanMs !== undefined) {
    const age = ageMs(message, nowMs);
    if (age === undefined || age < filter.olderThanMs) return false;
  }
  return true;
}

/** The messages a replay or purge would act on: matching ones, oldest first, at most `max`. */
export function planSelection(messages: readonly DlqMessage[], filter: MessageFilter, nowMs: number, max?: number): DlqMessage[] {
  const matching = messages
    .filter((m) => matchesFilter(m, filter, nowMs))
    .sort((a, b) => (ageMs(b, nowMs) ?? 0) - (ageMs(a, nowMs) ?? 0));
  return max === undefined ? matching : matching.slice(0, max);
}
