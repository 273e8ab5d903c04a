import { formatAge } from './duration';
import { ageMs, formatFailure, type DlqMessage, type FailureReason } from './dlq-message';
import { renderTable } from './table';

/** One DLQ message as `dlq list --json` prints it. */
export interface MessageSummary {
  readonly eventId: string | null;
  readonly type: string | null;
  readonly accountId: string | null;
  readonly messageId: string;
  readonly reason: string;
  readonly failure: FailureReason | null;
  readonly receiveCount: number;
  readonly ageSeconds: number | null;
  readonly sentAt: string | null;
}

export function summarizeMessage(message: DlqMessage, nowMs: number): MessageSummary {
  const age = ageMs(message, nowMs);
  return {
    eventId: message.event.id ?? null,
    type: message.event.type ?? null,
    accountId: message.event.accountId ?? null,
    messageId: message.messageId,
    reason: formatFailure(message.failure),
    failure: message.failure ?? null,
    receiveCount: message.receiveCount,
    ageSeconds: age === undefined ? null : Math.floor(age / 1000),
    sentAt: message.sentTimestamp === undefined ? null : new Date(message.sentTimestamp).toISOString(),
  };
}

export const LIST_HEADERS = ['EVENT ID', 'TYPE', 'ACCOUNT', 'REASON', 'RECEIVES', 'AGE'] as const;

export function renderMessageTable(summaries: readonly MessageSummary[]): string {
  return renderTable(
    LIST_HEADERS,
    summaries.map((s) => [
      s.eventId ?? `(message ${s.messageId})`,
      s.type ?? '-',
      s.accountId ?? '-',
      s.reason,
      String(s.receiveCount),
      s.ageSeconds === null ? '-' : formatAge(s.ageSeconds * 1000),
    ]),
  );
}
