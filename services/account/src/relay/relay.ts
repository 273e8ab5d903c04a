import { validateEvent } from '@bank/schemas';
import type { Log } from '../domain/ports';
import { optInChannels, toEvent, type ChangedItem } from './event-mapper';
import type { EventPublisher, OutboundEvent } from './ports';

export interface StreamChange extends ChangedItem {
  /** Stream sequence number: the checkpoint reported back on failure. */
  readonly sequenceNumber: string;
}

export interface RelayResult {
  readonly published: number;
  /** Sequence number of the first record not published; Lambda retries from there. */
  readonly failedAt?: string;
}

const CHUNK = 10;

/**
 * Publishes the events of a batch of stream records in stream order, ten at a time. On the first
 * failure it stops and reports that record, so records after it are retried, never skipped.
 * Duplicates are possible (a chunk partly accepted before a retry); event ids make them harmless.
 * An event that fails its own schema is a bug: it is reported as a failure like a publish error,
 * so it ends in the stream's on-failure destination rather than being dropped.
 */
export async function relayChanges(changes: readonly StreamChange[], publisher: EventPublisher, log: Log): Promise<RelayResult> {
  const pending: (OutboundEvent & { sequenceNumber: string })[] = [];
  let invalidAt: string | undefined;
  for (const change of changes) {
    const candidate = toEvent(change);
    if (candidate === undefined) continue;
    const result = validateEvent(candidate);
    if (!result.ok) {
      log.error('event failed its schema; not published', { sequenceNumber: change.sequenceNumber, errors: result.errors });
      invalidAt = change.sequenceNumber;
      break;
    }
    pending.push({ event: result.value, notify: optInChannels(change), sequenceNumber: change.sequenceNumber });
  }
  let published = 0;
  for (let i = 0; i < pending.length; i += CHUNK) {
    const chunk = pending.slice(i, i + CHUNK);
    try {
      await publisher.publish(chunk.map(({ event, notify }) => ({ event, notify })));
    } catch (err) {
      log.warn('publish failed; the batch is retried from this record', {
        sequenceNumber: chunk[0]?.sequenceNumber,
        error: err instanceof Error ? err.message : String(err),
      });
      return { published, failedAt: chunk[0]?.sequenceNumber };
    }
    published += chunk.length;
    for (const p of chunk) log.info('event published', { eventId: p.event.id, type: p.event.type, correlationId: p.event.correlationid });
  }
  return invalidAt === undefined ? { published } : { published, failedAt: invalidAt };
}
