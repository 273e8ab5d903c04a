import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { startStreamPoller } from '../../src/stream-poller';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quietLog = { info: () => undefined, warn: () => undefined };

/** A one-shard stream whose empty reads take `emptyReadMs` (a long-polling emulator when > 0). */
function fakeStream(emptyReadMs: number) {
  const pending: { dynamodb: { SequenceNumber: string; NewImage: Record<string, unknown> }; eventName: string }[] = [];
  let reads = 0;
  const client = {
    send: async (command: { constructor: { name: string } }, options?: { abortSignal?: AbortSignal }) => {
      switch (command.constructor.name) {
        case 'DescribeStreamCommand':
          return { StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } };
        case 'GetShardIteratorCommand':
          return { ShardIterator: 'it' };
        default: {
          reads++;
          if (pending.length === 0 && emptyReadMs > 0) {
            await new Promise<void>((resolve, reject) => {
              const timer = setTimeout(resolve, emptyReadMs);
              options?.abortSignal?.addEventListener('abort', () => {
                clearTimeout(timer);
                reject(new Error('aborted'));
              });
            });
          }
          return { Records: pending.splice(0), NextShardIterator: 'it' };
        }
      }
    },
  } as unknown as DynamoDBStreamsClient;
  const write = (n: number) => pending.push({ eventName: 'INSERT', dynamodb: { SequenceNumber: String(n), NewImage: {} } });
  return { client, write, reads: () => reads };
}

describe('startStreamPoller', () => {
  it('backs off between empty reads that answer at once', async () => {
    const stream = fakeStream(0);
    const poller = startStreamPoller({ client: stream.client, streamArn: 'arn', handler: async () => undefined, log: quietLog, minIdleMs: 40, maxIdleMs: 40 });
    await sleep(200);
    await poller.stop();
    expect(stream.reads()).toBeLessThanOrEqual(7);
  });

  it('reads again at once after an empty read that waited (a long poll), and stops without waiting for it', async () => {
    const stream = fakeStream(60);
    const seen: string[] = [];
    const handler = async (event: DynamoDBStreamEvent) => {
      for (const r of event.Records) seen.push(r.dynamodb?.SequenceNumber ?? '');
    };
    const poller = startStreamPoller({ client: stream.client, streamArn: 'arn', handler, log: quietLog, minIdleMs: 50, maxIdleMs: 50 });
    await sleep(190);
    const readsWhileIdle = stream.reads();
    stream.write(1);
    await sleep(80);
    expect(seen).toEqual(['1']);
    const stopping = Date.now();
    await poller.stop();
    expect(Date.now() - stopping).toBeLessThan(40);
    // 190 ms of 60 ms reads back to back: three or four, no pause after them.
    expect(readsWhileIdle).toBeGreaterThanOrEqual(3);
  });
});
