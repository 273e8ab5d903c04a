import { channelsOn } from './channels';
import type { Account, IdempotencyCompletion, StoredResponse, TransactionRecord, TransactionType } from './model';

/** The idempotency lock a request holds and how to render the response stored with the write. */
export interface PendingIdempotency<R> {
  readonly recordKey: string;
  readonly token: string;
  render(result: R): StoredResponse;
}

/** A ledger record of `account`: what moved, the balance after, and the channels the owner had on. */
export function transactionRecord(
  transactionId: string,
  account: Account,
  type: TransactionType,
  amount: number,
  balanceAfter: number,
  timestamp: string,
  correlationId: string,
  extra: Partial<Pick<TransactionRecord, 'counterpartyAccountId' | 'transferId' | 'riskRules' | 'holdId'>> = {},
): TransactionRecord {
  return {
    transactionId,
    accountId: account.accountId,
    type,
    amount,
    balanceAfter,
    currency: account.currency,
    timestamp,
    correlationId,
    notify: channelsOn(account.notifications),
    ...extra,
  };
}

/** The stored response that completes the request's idempotency lock in the same transaction. */
export function completion<R>(idempotency: PendingIdempotency<R> | undefined, result: R): IdempotencyCompletion | undefined {
  if (!idempotency) return undefined;
  return { recordKey: idempotency.recordKey, token: idempotency.token, response: idempotency.render(result) };
}
