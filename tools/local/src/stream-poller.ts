import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Poller, PollerLog } from './poller';
import { sleep } from './poller';

export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  readonly log: PollerLog;
  readonly batchSize?: number;
  /**
   * Time between the starts of two reads while the shard is empty: `minIdleMs` right after records
   * arrived, growing by half each empty read up to `maxIdleMs` (Lambda polls a shard about 4 times
   * a second). A read that itself took that long is followed at once: the local emulator holds an
   * empty read until a write (a long poll, see packages/testing/moto/serve.py), so the relay sees
   * a record as soon as it is written; against an emulator that answers at once the reads back off.
   */
  readonly minIdleMs?: number;
  readonly maxIdleMs?: number;
  readonly shardRefreshMs?: number;
  readonly maxBackoffMs?: number;
}

/** SDK stream record → the shape Lambda hands a stream-triggered function. */
export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: created instanceof Date ? created.getTime() / 1000 : undefined,
    },
  };
}

/**
 * Lambda's DynamoDB-stream event source, locally: reads every shard in order, hands batches to
 * the handler, and on a reported failure re-reads from the failed record (with backoff) until it
 * succeeds, so a publish outage delays events but never drops them.
 */
export function startStreamPoller(options: StreamPollerOptions): Poller {
  const { client, streamArn, handler, log } = options;
  const minIdleMs = options.minIdleMs ?? 10;
  const maxIdleMs = options.maxIdleMs ?? 100;
  let idleMs = minIdleMs;
  const shardRefreshMs = options.shardRefreshMs ?? 5000;
  const maxBackoffMs = options.maxBackoffMs ?? 2000;
  let stopped = false;
  const abort = new AbortController();
  const positions = new Map<string, { iterator?: string; lastSequence?: string }>();

  async function iteratorFor(shardId: string, after?: string, at?: string): Promise<string | undefined> {
    const out = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(at
          ? { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: at }
          : after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator;
  }

  async function pollShard(shardId: string): Promise<boolean> {
    const position = positions.get(shardId) ?? {};
    positions.set(shardId, position);
    position.iterator ??= await iteratorFor(shardId, position.lastSequence);
    if (!position.iterator) return false;
    // Aborted on stop: a read changes nothing, and a held read would delay the stop.
    const out = await client.send(new GetRecordsCommand({ ShardIterator: position.iterator, Limit: options.batchSize ?? 100 }), { abortSignal: abort.signal });
    const records = out.Records ?? [];
    if (records.length === 0) {
      position.iterator = out.NextShardIterator;
      return false;
    }
    for (let attempt = 0; !stopped; attempt++) {
      const failedAt = await invoke(records.map((r) => toLambdaRecord(r, streamArn)));
      if (failedAt === undefined) break;
      // Retry from the failed record on: records before it were handled.
      const index = records.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt);
      records.splice(0, Math.max(index, 0));
      const delay = Math.min(maxBackoffMs, 50 * 2 ** attempt);
      log.warn('stream batch failed; retrying', { failedAt, attempt: attempt + 1, delayMs: delay });
      await sleep(delay);
    }
    position.lastSequence = records[records.length - 1]?.dynamodb?.SequenceNumber ?? position.lastSequence;
    position.iterator = out.NextShardIterator;
    return true;
  }

  async function invoke(records: DynamoDBRecord[]): Promise<string | undefined> {
    try {
      const result = await handler({ Records: records });
      return result?.batchItemFailures?.[0]?.itemIdentifier;
    } catch (err) {
      log.warn('stream handler threw', { error: err instanceof Error ? err.message : String(err) });
      return records[0]?.dynamodb?.SequenceNumber;
    }
  }

  // Shards change rarely (moto keeps one); describing the stream on every poll would double the
  // emulator calls, and the emulator serialises DynamoDB requests.
  let shards: string[] = [];
  let describedAt = 0;
  const shardIds = async (): Promise<string[]> => {
    if (Date.now() - describedAt > shardRefreshMs) {
      const stream = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
      shards = (stream.StreamDescription?.Shards ?? []).flatMap((s) => (s.ShardId ? [s.ShardId] : []));
      describedAt = Date.now();
    }
    return shards;
  };

  const done = (async () => {
    while (!stopped) {
      try {
        let busy = false;
        const readAt = Date.now();
        for (const shardId of await shardIds()) {
          if (await pollShard(shardId)) busy = true;
        }
        if (busy) {
          idleMs = minIdleMs;
        } else {
          const pause = idleMs - (Date.now() - readAt);
          if (pause > 0) await sleep(pause);
          idleMs = Math.min(maxIdleMs, idleMs * 1.5);
        }
      } catch (err) {
        if (stopped) break;
        log.warn('stream poll failed', { error: err instanceof Error ? err.message : String(err) });
        for (const position of positions.values()) position.iterator = undefined;
        describedAt = 0;
        await sleep(500);
      }
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      abort.abort();
      await done;
    },
  };
}
