import { DeliveryNotFoundError } from '../errors';
import { renderTable } from '../core/table';
import type { DeliveryRecordPort } from '../ports';
import type { Output } from './context';

export interface DeliveriesContext {
  readonly records: DeliveryRecordPort;
  /** Every declared channel (the topology's). */
  readonly channels: readonly string[];
  readonly output: Output;
}

export interface DeliveriesShowOptions {
  readonly eventId: string;
  readonly json: boolean;
}

/** One channel's delivery of an event, as an operator reads it. Addresses are masked in the record already. */
export interface ChannelDelivery {
  readonly channel: string;
  readonly status: string;
  readonly provider: string | null;
  readonly providerMessageId: string | null;
  readonly to: string | null;
  readonly attempts: number | null;
  readonly sentAt: string | null;
  /** When a provider's callback changed the status, and the provider's code. */
  readonly reportedAt: string | null;
  readonly errorCode: string | null;
  readonly skipReason: string | null;
  readonly lastError: { readonly class?: string; readonly code?: string; readonly provider?: string; readonly at?: string } | null;
  readonly updatedAt: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function lastErrorOf(value: unknown): ChannelDelivery['lastError'] {
  if (typeof value !== 'object' || value === null) return null;
  const error = value as Record<string, unknown>;
  // The reason is left out of the summary: a provider's text can quote an address.
  return { class: text(error.class) ?? undefined, code: text(error.code) ?? undefined, provider: text(error.provider) ?? undefined, at: text(error.at) ?? undefined };
}

/** A delivery record (`NotificationDeliveries`, docs/internal-contracts.md) as a row. */
export function channelDelivery(channel: string, record: Readonly<Record<string, unknown>>): ChannelDelivery {
  return {
    channel,
    status: text(record.status) ?? '?',
    provider: text(record.provider),
    providerMessageId: text(record.providerMessageId),
    to: text(record.to),
    attempts: typeof record.attempts === 'number' ? record.attempts : null,
    sentAt: text(record.sentAt),
    reportedAt: text(record.reportedAt),
    errorCode: text(record.errorCode),
    skipReason: text(record.skipReason),
    lastError: lastErrorOf(record.lastError),
    updatedAt: text(record.updatedAt),
  };
}

function problemOf(d: ChannelDelivery): string {
  const parts = [d.errorCode ? `code ${d.errorCode}` : '', d.skipReason ? `skipped: ${d.skipReason}` : '', d.lastError ? [d.lastError.class, d.lastError.code].filter(Boolean).join(' ') : ''];
  return parts.filter((p) => p !== '').join('; ') || '-';
}

/** `deliveries show EVENT_ID`: every channel's delivery of one event: status, provider ids, errors. */
export async function deliveriesShow(ctx: DeliveriesContext, options: DeliveriesShowOptions): Promise<number> {
  const ids = ctx.channels.map((channel) => ({ channel, id: `${options.eventId}#${channel}` }));
  const found = await ctx.records.getMany(ids.map((i) => i.id));
  const deliveries = ids.flatMap(({ channel, id }) => {
    const record = found.get(id);
    return record ? [channelDelivery(channel, record)] : [];
  });
  if (deliveries.length === 0) throw new DeliveryNotFoundError(options.eventId);
  if (options.json) {
    ctx.output.json({ eventId: options.eventId, deliveries });
    return 0;
  }
  const rows = deliveries.map((d) => [d.channel, d.status, d.provider ?? '-', d.providerMessageId ?? '-', d.to ?? '-', String(d.attempts ?? '-'), d.sentAt ?? '-', d.reportedAt ?? '-', problemOf(d)]);
  ctx.output.line(renderTable(['CHANNEL', 'STATUS', 'PROVIDER', 'MESSAGE ID', 'TO', 'ATTEMPTS', 'SENT', 'REPORTED', 'ERRORS'], rows, 60));
  return 0;
}
