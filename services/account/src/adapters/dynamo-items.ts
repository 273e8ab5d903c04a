import type { Account, TransactionRecord } from '../domain/model';

/**
 * Item layout of the CheckingAccountTransactions table (docs/internal-contracts.md). One partition
 * per account holds the account item and its transaction records; idempotency records and daily
 * counters live in partitions of their own so that they never show up in an account's history.
 */
export const ACCOUNT_SORT_KEY = 'ACCOUNT';
export const TRANSACTION_PREFIX = 'TX#';
export const IDEMPOTENCY_SORT_KEY = 'IDEMPOTENCY';

export const accountKey = (accountId: string) => ({ AccountID: accountId, TransactionID: ACCOUNT_SORT_KEY });
export const transactionSortKey = (transactionId: string) => `${TRANSACTION_PREFIX}${transactionId}`;
export const dailyCounterKey = (accountId: string, day: string) => ({ AccountID: `LIMIT#${accountId}`, TransactionID: `WITHDRAWN#${day}` });
export const idempotencyKey = (recordKey: string) => ({ AccountID: recordKey, TransactionID: IDEMPOTENCY_SORT_KEY });

export function accountToItem(account: Account): Record<string, unknown> {
  return { ...accountKey(account.accountId), recordType: 'ACCOUNT', ...account };
}

export function transactionToItem(record: TransactionRecord): Record<string, unknown> {
  return {
    AccountID: record.accountId,
    TransactionID: transactionSortKey(record.transactionId),
    recordType: 'TRANSACTION',
    ...record,
  };
}

function str(item: Record<string, unknown>, key: string): string {
  const value = item[key];
  if (typeof value !== 'string') throw new TypeError(`item attribute ${key} is not a string`);
  return value;
}

function num(item: Record<string, unknown>, key: string): number {
  const value = item[key];
  if (typeof value !== 'number') throw new TypeError(`item attribute ${key} is not a number`);
  return value;
}

function obj(item: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = item[key];
  if (typeof value !== 'object' || value === null) throw new TypeError(`item attribute ${key} is not a map`);
  return value as Record<string, unknown>;
}

export function itemToAccount(item: Record<string, unknown>): Account {
  const owner = obj(item, 'owner');
  const prefs = obj(item, 'notifications');
  return {
    accountId: str(item, 'accountId'),
    balance: num(item, 'balance'),
    currency: str(item, 'currency'),
    version: num(item, 'version'),
    owner: {
      name: str(owner, 'name'),
      email: str(owner, 'email'),
      ...(typeof owner.phone === 'string' ? { phone: owner.phone } : {}),
    },
    notifications: {
      email: prefs.email === true,
      sms: prefs.sms === true,
      whatsapp: prefs.whatsapp === true,
      push: prefs.push === true,
    },
    createdAt: str(item, 'createdAt'),
    updatedAt: str(item, 'updatedAt'),
  };
}

const TYPES = new Set(['DEPOSIT', 'WITHDRAWAL', 'TRANSFER_OUT', 'TRANSFER_IN']);

export function itemToTransaction(item: Record<string, unknown>): TransactionRecord {
  const type = str(item, 'type');
  if (!TYPES.has(type)) throw new TypeError(`unknown transaction type ${type}`);
  return {
    transactionId: str(item, 'transactionId'),
    accountId: str(item, 'accountId'),
    type: type as TransactionRecord['type'],
    amount: num(item, 'amount'),
    balanceAfter: num(item, 'balanceAfter'),
    currency: str(item, 'currency'),
    timestamp: str(item, 'timestamp'),
    correlationId: typeof item.correlationId === 'string' ? item.correlationId : '',
    notify: Array.isArray(item.notify) ? item.notify.filter((c): c is string => typeof c === 'string') : [],
    ...(typeof item.counterpartyAccountId === 'string' ? { counterpartyAccountId: item.counterpartyAccountId } : {}),
    ...(typeof item.transferId === 'string' ? { transferId: item.transferId } : {}),
  };
}
