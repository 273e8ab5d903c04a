import type { DynamoDBBatchResponse, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';

/**
 * Where an event is on its way through the local pipeline, by event id (a money movement's event
 * id is its transactionId, which the API answers):
 * - `relay-start` / `relay-done`: the stream poller handed the record to the relay / the relay
 *   returned (SNS and EventBridge answered);
 * - `queued`: the SQS message's SentTimestamp (SNS delivered it to the channel queue);
 * - `notifier-start` / `notifier-done`: the queue poller handed the message to the notifier / the
 *   notifier returned (the provider call is between the two).
 */
export type Hop = 'relay-start' | 'relay-done' | 'queued' | 'notifier-start' | 'notifier-done';

export type HopTimes = Partial<Record<Hop, number>>;

/** Opt-in (LOCAL_HOP_TRACE=1) per-hop timestamps (ms, this process's clock) of the in-process stack. */
export interface HopTrace {
  readonly enabled: boolean;
  /** The hops seen for an event id (the first time each was seen: a redelivery keeps the first). */
  times(id: string): HopTimes;
  clear(): void;
}

const marks = new Map<string, HopTimes>();

function mark(id: string | undefined, hop: Hop, at: number): void {
  if (!id) return;
  const times = marks.get(id) ?? {};
  times[hop] ??= at;
  marks.set(id, times);
}

/**
 * The trace of this process's local stack (`enabled` is false unless LOCAL_HOP_TRACE=1 was set
 * before the stack started).
 *
 * @example
 * const hops = hopTrace().times(transactionId); // { 'relay-start': 1764650000123, ... }
 */
export function hopTrace(): HopTrace {
  return { enabled: traceEnabled(), times: (id) => ({ ...marks.get(id) }), clear: () => marks.clear() };
}

export const traceEnabled = (): boolean => process.env.LOCAL_HOP_TRACE === '1';

/** The relay's stream handler, marking `relay-start`/`relay-done` for the records' transactionIds. */
export function traceStreamHandler<R extends DynamoDBBatchResponse | void>(handler: (event: DynamoDBStreamEvent) => Promise<R>) {
  return async (event: DynamoDBStreamEvent): Promise<R> => {
    const ids = event.Records.map((r) => r.dynamodb?.NewImage?.transactionId?.S);
    const started = Date.now();
    for (const id of ids) mark(id, 'relay-start', started);
    const result = await handler(event);
    const done = Date.now();
    for (const id of ids) mark(id, 'relay-done', done);
    return result;
  };
}

/** A notifier's queue handler, marking `queued`, `notifier-start` and `notifier-done` by event id (raw delivery: the body is the event). */
export function traceQueueHandler<R extends SQSBatchResponse | void>(handler: (event: SQSEvent) => Promise<R>) {
  return async (event: SQSEvent): Promise<R> => {
    const started = Date.now();
    const ids = event.Records.map((r) => {
      const id = eventId(r.body);
      mark(id, 'queued', Number(r.attributes.SentTimestamp));
      mark(id, 'notifier-start', started);
      return id;
    });
    const result = await handler(event);
    const done = Date.now();
    for (const id of ids) mark(id, 'notifier-done', done);
    return result;
  };
}

function eventId(body: string): string | undefined {
  try {
    const event: unknown = JSON.parse(body);
    return typeof event === 'object' && event !== null && 'id' in event && typeof event.id === 'string' ? event.id : undefined;
  } catch {
    return undefined;
  }
}
