import type { DynamoDBStreamEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import { hopTrace, traceQueueHandler, traceStreamHandler } from '../../src/hop-trace';

const streamEvent = (transactionId: string) =>
  ({ Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: { transactionId: { S: transactionId } } } }] }) as DynamoDBStreamEvent;
const queueEvent = (id: string, sentAt: number) =>
  ({ Records: [{ messageId: 'm', body: JSON.stringify({ id, type: 'MoneyDeposited' }), attributes: { SentTimestamp: String(sentAt) } } as unknown as SQSRecord] }) as SQSEvent;

describe('hop trace', () => {
  beforeEach(() => hopTrace().clear());

  it('marks the relay and notifier hops of an event by its id, keeping the first time of each', async () => {
    const relayed = await traceStreamHandler(async () => ({ batchItemFailures: [] }))(streamEvent('tx-1'));
    expect(relayed).toEqual({ batchItemFailures: [] });
    const notify = traceQueueHandler(async () => ({ batchItemFailures: [] }));
    await notify(queueEvent('tx-1', 1234));
    await notify(queueEvent('tx-1', 9999)); // a redelivery
    const times = hopTrace().times('tx-1');
    expect(Object.keys(times).sort()).toEqual(['notifier-done', 'notifier-start', 'queued', 'relay-done', 'relay-start']);
    expect(times.queued).toBe(1234);
    expect(times['relay-start']).toBeLessThanOrEqual(times['relay-done'] ?? 0);
    expect(times['notifier-start']).toBeLessThanOrEqual(times['notifier-done'] ?? 0);
  });

  it('ignores records without an id (other item types, bodies that are not events)', async () => {
    await traceQueueHandler(async () => undefined)({ Records: [{ body: 'not json', attributes: { SentTimestamp: '1' } } as unknown as SQSRecord] });
    expect(hopTrace().times('undefined')).toEqual({});
  });
});
