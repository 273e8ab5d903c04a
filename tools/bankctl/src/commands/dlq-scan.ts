import { decodeMessage, deliveryIdOf, failureFromAttributes, type DlqMessage, type RawDlqMessage } from '../core/dlq-message';
import type { DeliveryRecordPort, QueuePort } from '../ports';

/** How long a scan hides messages; they are made visible again right after (or by SQS after this, on a crash). */
export const SCAN_VISIBILITY_SECONDS = 30;
/** Receives in a row that bring only already-seen messages before the scan stops. */
const MAX_IDLE_RECEIVES = 3;

/**
 * Receives every message of a queue (SQS has no peek): each receive hides what it returns, so
 * repeated receives walk the queue until it answers with nothing new. Deduplicated by MessageId,
 * keeping the latest receipt handle. The caller must release (or delete) what this returns.
 */
export async function receiveAll(queues: QueuePort, queueUrl: string, held: Map<string, RawDlqMessage>): Promise<void> {
  let idle = 0;
  while (idle < MAX_IDLE_RECEIVES) {
    const batch = await queues.receive(queueUrl, 10, SCAN_VISIBILITY_SECONDS);
    if (batch.length === 0) return;
    const fresh = batch.filter((m) => !held.has(m.messageId));
    for (const m of batch) held.set(m.messageId, m);
    idle = fresh.length === 0 ? idle + 1 : 0;
  }
}

/** Decodes messages, looking up the delivery record of those whose attributes carry no failure. */
export async function decodeAll(raws: readonly RawDlqMessage[], records: DeliveryRecordPort, channel: string): Promise<DlqMessage[]> {
  const withoutFailure = raws.map((r) => decodeMessage(r)).filter((m) => !failureFromAttributes(m.attributes));
  const ids = withoutFailure.map((m) => deliveryIdOf(m.event, channel)).filter((id): id is string => id !== undefined);
  const found = ids.length ? await records.getMany(ids) : new Map<string, Record<string, unknown>>();
  return raws.map((raw) => {
    const plain = decodeMessage(raw);
    const id = deliveryIdOf(plain.event, channel);
    return id && found.has(id) ? decodeMessage(raw, found.get(id)) : plain;
  });
}

/**
 * Scans a queue and lets `use` act on the decoded messages while they are still hidden. `use`
 * adds to `settled` the ids it deleted or already released; every other scanned message is made
 * visible again afterwards, even when `use` throws (if that release fails too, SQS shows them
 * again after SCAN_VISIBILITY_SECONDS).
 */
export async function withScannedMessages<T>(
  queues: QueuePort,
  records: DeliveryRecordPort,
  queueUrl: string,
  channel: string,
  use: (messages: DlqMessage[], settled: Set<string>) => Promise<T>,
): Promise<T> {
  const held = new Map<string, RawDlqMessage>();
  const settled = new Set<string>();
  const release = (): Promise<void> => {
    const rest = [...held.values()].filter((m) => !settled.has(m.messageId));
    return rest.length ? queues.setVisibility(queueUrl, rest, 0) : Promise.resolve();
  };
  let result: T;
  try {
    await receiveAll(queues, queueUrl, held);
    result = await use(await decodeAll([...held.values()], records, channel), settled);
  } catch (err) {
    // Keep the original error; if this release fails too, the messages come back on their own after the scan's visibility timeout.
    await release().catch(() => undefined);
    throw err;
  }
  await release();
  return result;
}
