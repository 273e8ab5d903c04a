import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { lostLeases, requestToken, transactionChunks, type SentWrite } from '../../../src/adapters/ledger-transactions';

/** A SENT write with `lookups` lookup items. */
const write = (lookups: number): SentWrite => ({
  record: { put: { TableName: 't', Item: { DeliveryID: 'd' } } },
  lookups: Array.from({ length: lookups }, (_, i) => ({ Put: { TableName: 't', Item: { DeliveryID: `MSG#${i}` } } })),
});

describe('transactionChunks', () => {
  it('keeps every write whole and each chunk at 100 items at most', () => {
    // 60 writes of 2 items: 50 fit the first transaction, 10 the second.
    const chunks = transactionChunks(Array.from({ length: 60 }, () => write(1)));
    expect(chunks.map((c) => c.length)).toEqual([50, 10]);
    expect(chunks.flat()).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('starts a new chunk when the next write would not fit, and has none for no writes', () => {
    expect(transactionChunks([write(98), write(1), write(0)])).toEqual([[0], [1, 2]]);
    expect(transactionChunks([])).toEqual([]);
  });
});

describe('lostLeases', () => {
  const cancelled = (codes: string[]) =>
    new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

  it('names the writes whose record (the first of its items) failed its condition', () => {
    // Writes of 2, 1 and 3 items; the second's record and the third's record failed.
    expect(lostLeases([2, 1, 3], cancelled(['None', 'None', 'ConditionalCheckFailed', 'ConditionalCheckFailed', 'None', 'None']))).toEqual([1, 2]);
  });

  it('names none when the cancellation was for another reason', () => {
    expect(lostLeases([1, 1], cancelled(['TransactionConflict', 'None']))).toEqual([]);
    expect(lostLeases([1], new TransactionCanceledException({ message: 'cancelled', $metadata: {} }))).toEqual([]);
  });
});

describe('requestToken', () => {
  it('is at most 36 characters, the same for the same claims and different for others', () => {
    const token = requestToken(['m1#1', 'm2#1']);
    expect(token.length).toBeLessThanOrEqual(36);
    expect(requestToken(['m1#1', 'm2#1'])).toBe(token);
    expect(requestToken(['m1#1', 'm2#2'])).not.toBe(token);
  });
});
