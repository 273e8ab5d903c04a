import { toMajorUnits } from '@bank/money';
import type { MovementResult, TransferResult } from '../domain/account-service';
import type { Account, StoredResponse, TransactionPage } from '../domain/model';

/** Response bodies. Amounts leave the system here, as major-unit JSON numbers. */

export const json = (statusCode: number, body: unknown): StoredResponse => ({ statusCode, body: JSON.stringify(body) });

export function accountView(account: Account) {
  return {
    accountId: account.accountId,
    balance: toMajorUnits(account.balance),
    currency: account.currency,
    owner: account.owner,
    notifications: account.notifications,
    createdAt: account.createdAt,
  };
}

export function movementView(message: string, result: MovementResult) {
  return {
    message,
    newBalance: toMajorUnits(result.newBalance),
    transactionId: result.transactionId,
    accountId: result.accountId,
    amount: toMajorUnits(result.amount),
    currency: result.currency,
    timestamp: result.timestamp,
  };
}

export function transferView(result: TransferResult) {
  return {
    message: 'Transfer successful.',
    newBalance: toMajorUnits(result.newBalance),
    transactionId: result.transactionId,
    fromAccountId: result.accountId,
    toAccountId: result.toAccountId,
    transferId: result.transferId,
    amount: toMajorUnits(result.amount),
    currency: result.currency,
    timestamp: result.timestamp,
  };
}

export function historyView(page: TransactionPage) {
  return {
    items: page.items.map((t) => ({
      transactionId: t.transactionId,
      type: t.type,
      amount: toMajorUnits(t.amount),
      balanceAfter: toMajorUnits(t.balanceAfter),
      currency: t.currency,
      timestamp: t.timestamp,
      ...(t.counterpartyAccountId ? { counterpartyAccountId: t.counterpartyAccountId } : {}),
    })),
    nextCursor: page.nextCursor,
  };
}
