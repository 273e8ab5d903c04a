import { createHash } from 'node:crypto';
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** How the delivery ledger writes several records in transactions: the shapes, the limits, the cancellation reasons. */

// UpdateExpression required: the same input serves UpdateItem and a transaction's Update.
export type UpdateInput = ConstructorParameters<typeof UpdateCommand>[0] & { UpdateExpression: string };
export type PutInput = ConstructorParameters<typeof PutCommand>[0];
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** A conditional write of a delivery record: an update, or the whole record. */
export type RecordWrite = { readonly update: UpdateInput } | { readonly put: PutInput };

/** A SENT record's write and the lookup items written with it. */
export interface SentWrite {
  readonly record: RecordWrite;
  readonly lookups: readonly TransactItem[];
}

export const asTransactItem = (write: RecordWrite): TransactItem => ('update' in write ? { Update: write.update } : { Put: write.put });

/** DynamoDB's limit on the items of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/** Indexes of `writes` grouped so that each group's items fit one transaction. */
export function transactionChunks(writes: readonly SentWrite[]): number[][] {
  const chunks: number[][] = [];
  let size = MAX_TRANSACTION_ITEMS;
  for (const [i, write] of writes.entries()) {
    const items = 1 + write.lookups.length;
    if (size + items > MAX_TRANSACTION_ITEMS) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1]?.push(i);
    size += items;
  }
  return chunks;
}

/** Which writes (by position; each `sizes[n]` items, its update first) failed their lease condition. */
export function lostLeases(sizes: readonly number[], error: TransactionCanceledException): number[] {
  const reasons = error.CancellationReasons ?? [];
  const lost: number[] = [];
  let offset = 0;
  for (const [n, size] of sizes.entries()) {
    if (reasons[offset]?.Code === 'ConditionalCheckFailed') lost.push(n);
    offset += size;
  }
  return lost;
}

/** A transaction's idempotency token (at most 36 characters) from the claims' lease tokens. */
export function requestToken(leaseTokens: readonly string[]): string {
  return createHash('sha256').update(leaseTokens.join('\n')).digest('base64url').slice(0, 36);
}
