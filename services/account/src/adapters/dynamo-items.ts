import { ACCOUNT_ITEM_SORT_KEY, CUSTOMER_ACCOUNT_SORT_KEY_PREFIX, customerPartition, PROFILE_SORT_KEY, registryEntrySortKey } from '@bank/topology';
import type { Account, AccountStatus, ChannelDisabled, Contact, CustomerProfile, DebitType, Hold, HoldStatus, IdempotencyCompletion, StatusChange, StoredAnswer, TransactionRecord } from '../domain/model';
import type { RegistryEntry } from '../domain/registry';

/**
 * Item layout of the CheckingAccountTransactions table (docs/internal-contracts.md). One partition
 * per account holds the account item and its transaction records; idempotency records and daily
 * counters live in partitions of their own so that they never show up in an account's history.
 */
export const ACCOUNT_SORT_KEY = ACCOUNT_ITEM_SORT_KEY;
export const TRANSACTION_PREFIX = 'TX#';
export const IDEMPOTENCY_SORT_KEY = 'IDEMPOTENCY';

export const accountKey = (accountId: string) => ({ AccountID: accountId, TransactionID: ACCOUNT_SORT_KEY });
export const transactionSortKey = (transactionId: string) => `${TRANSACTION_PREFIX}${transactionId}`;
export const dailyCounterKey = (accountId: string, day: string) => ({ AccountID: `LIMIT#${accountId}`, TransactionID: `WITHDRAWN#${day}` });
export const idempotencyKey = (recordKey: string) => ({ AccountID: recordKey, TransactionID: IDEMPOTENCY_SORT_KEY });

/** An Idempotency-Key's record: the request's hash and the answer, removed by TTL after a day. */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 3600;

export function idempotencyItem(completion: IdempotencyCompletion, nowSeconds: number): Record<string, unknown> {
  return {
    ...idempotencyKey(completion.recordKey),
    recordType: 'IDEMPOTENCY',
    status: 'COMPLETED',
    requestHash: completion.requestHash,
    response: { statusCode: completion.response.statusCode, body: completion.response.body },
    expiresAt: nowSeconds + IDEMPOTENCY_RETENTION_SECONDS,
  };
}

/** The answer a key record holds; undefined for a record without one (a lock of an earlier release). */
export function itemToAnswer(item: Record<string, unknown>): StoredAnswer | undefined {
  const response = item.response as { statusCode?: unknown; body?: unknown } | undefined;
  if (item.status !== 'COMPLETED' || typeof item.requestHash !== 'string' || typeof response?.statusCode !== 'number' || typeof response.body !== 'string') return undefined;
  return { requestHash: item.requestHash, response: { statusCode: response.statusCode, body: response.body } };
}

/**
 * Review holds: the hold in a partition of its own (found by id), an index item per status (the
 * operators' queue: `HOLDS#PENDING`, oldest first), and a decision item written once, when it is
 * decided (the outbox turns the hold into DebitHeld, the decision into HoldApproved/HoldDeclined).
 */
export const holdKey = (holdId: string) => ({ AccountID: `HOLD#${holdId}`, TransactionID: 'HOLD' });
export const holdDecisionKey = (holdId: string) => ({ AccountID: `HOLD#${holdId}`, TransactionID: 'DECISION' });
/** Partition-key prefix of the hold listing entries (`HOLDS#<status>`); the only items the API deletes (infra's IAM condition). */
export const HOLD_INDEX_PREFIX = 'HOLDS#';
export const holdIndexPartition = (status: HoldStatus) => `${HOLD_INDEX_PREFIX}${status}`;
export const holdIndexKey = (hold: Pick<Hold, 'status' | 'createdAt' | 'holdId'>) => ({
  AccountID: holdIndexPartition(hold.status),
  TransactionID: `${hold.createdAt}#${hold.holdId}`,
});
export const channelDisabledKey = (change: Pick<ChannelDisabled, 'accountId' | 'changeId'>) => ({ AccountID: change.accountId, TransactionID: `CHANNEL#${change.changeId}` });
export const statusChangeKey = (change: Pick<StatusChange, 'accountId' | 'changeId'>) => ({ AccountID: change.accountId, TransactionID: `STATUS#${change.changeId}` });

/** The customer's partition (keys spelled in `@bank/topology`): profile, account links, registry entries. */
export const profileKey = (customerId: string) => ({ AccountID: customerPartition(customerId), TransactionID: PROFILE_SORT_KEY });
export const customerAccountKey = (customerId: string, accountId: string) => ({
  AccountID: customerPartition(customerId),
  TransactionID: `${CUSTOMER_ACCOUNT_SORT_KEY_PREFIX}${accountId}`,
});
export const registryEntryKey = (customerId: string, registry: string, entryId: string) => ({
  AccountID: customerPartition(customerId),
  TransactionID: registryEntrySortKey(registry, entryId),
});

export function accountToItem(account: Account): Record<string, unknown> {
  return { ...accountKey(account.accountId), recordType: 'ACCOUNT', ...account };
}

export function customerAccountItem(account: Account): Record<string, unknown> {
  return { ...customerAccountKey(account.ownerId, account.accountId), recordType: 'CUSTOMER_ACCOUNT', accountId: account.accountId, createdAt: account.createdAt };
}

export function profileToItem(profile: CustomerProfile): Record<string, unknown> {
  return { ...profileKey(profile.customerId), recordType: 'CUSTOMER', ...profile };
}

export function registryEntryToItem(customerId: string, entry: RegistryEntry): Record<string, unknown> {
  return { ...registryEntryKey(customerId, entry.registry, entry.entryId), recordType: 'REGISTRY_ENTRY', ...entry };
}

/** A registry entry item, or undefined for one that is not well-formed (never an address). */
export function itemToRegistryEntry(item: Record<string, unknown>): RegistryEntry | undefined {
  const { registry, entryId, address, attributes, createdAt } = item;
  if (typeof registry !== 'string' || typeof entryId !== 'string' || typeof address !== 'string' || typeof createdAt !== 'string') return undefined;
  if (typeof attributes !== 'object' || attributes === null) return undefined;
  const strings = Object.fromEntries(Object.entries(attributes).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { registry, entryId, address, attributes: strings, createdAt };
}

export function itemToProfile(item: Record<string, unknown>): CustomerProfile {
  const contacts: Record<string, Contact> = {};
  for (const [name, value] of Object.entries(obj(item, 'contacts'))) {
    if (typeof value === 'object' && value !== null && 'value' in value && typeof value.value === 'string') {
      contacts[name] = { value: value.value, verified: 'verified' in value && value.verified === true };
    }
  }
  return {
    customerId: str(item, 'customerId'),
    ...(typeof item.name === 'string' ? { name: item.name } : {}),
    contacts,
    updatedAt: str(item, 'updatedAt'),
  };
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

const STATUSES: readonly AccountStatus[] = ['OPEN', 'FROZEN', 'CLOSED'];

export function itemToAccount(item: Record<string, unknown>): Account {
  const notifications: Record<string, boolean> = {};
  for (const [channel, on] of Object.entries(obj(item, 'notifications'))) notifications[channel] = on === true;
  const status = STATUSES.find((s) => s === item.status) ?? 'OPEN';
  return {
    accountId: str(item, 'accountId'),
    ownerId: str(item, 'ownerId'),
    status,
    balance: num(item, 'balance'),
    held: typeof item.held === 'number' ? item.held : 0,
    currency: str(item, 'currency'),
    version: num(item, 'version'),
    notifications,
    recentDebits: Array.isArray(item.recentDebits) ? item.recentDebits.filter((t): t is number => typeof t === 'number') : [],
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
    ...(typeof item.holdId === 'string' ? { holdId: item.holdId } : {}),
  };
}

export function holdToItem(hold: Hold): Record<string, unknown> {
  return { ...holdKey(hold.holdId), recordType: 'HOLD', ...hold };
}

/** What the operators' queue shows of a hold, under its status. */
export function holdIndexItem(hold: Hold): Record<string, unknown> {
  return { ...holdIndexKey(hold), recordType: 'HOLD_INDEX', ...hold };
}

/** The decision, once: what HoldApproved / HoldDeclined carry. */
export function holdDecisionItem(hold: Hold): Record<string, unknown> {
  return { ...holdDecisionKey(hold.holdId), recordType: 'HOLD_DECISION', ...hold };
}

export function statusChangeToItem(change: StatusChange): Record<string, unknown> {
  return { ...statusChangeKey(change), recordType: 'ACCOUNT_STATUS', ...change };
}

const HOLD_STATUSES: readonly HoldStatus[] = ['PENDING', 'APPROVED', 'DECLINED', 'EXPIRED'];
const DEBIT_TYPES: readonly DebitType[] = ['WITHDRAWAL', 'TRANSFER'];

export function itemToHold(item: Record<string, unknown>): Hold {
  const status = HOLD_STATUSES.find((s) => s === item.status);
  const debitType = DEBIT_TYPES.find((t) => t === item.debitType);
  if (!status || !debitType) throw new TypeError('hold item has no valid status or debit type');
  const optional = (key: string) => (typeof item[key] === 'string' ? { [key]: item[key] as string } : {});
  return {
    holdId: str(item, 'holdId'),
    accountId: str(item, 'accountId'),
    debitType,
    amount: num(item, 'amount'),
    currency: str(item, 'currency'),
    status,
    createdAt: str(item, 'createdAt'),
    expiresAt: str(item, 'expiresAt'),
    availableAfter: num(item, 'availableAfter'),
    correlationId: typeof item.correlationId === 'string' ? item.correlationId : '',
    notify: Array.isArray(item.notify) ? item.notify.filter((c): c is string => typeof c === 'string') : [],
    ...optional('counterpartyAccountId'),
    ...optional('decidedAt'),
    ...optional('decidedBy'),
    ...optional('reason'),
    ...optional('transactionId'),
  };
}

export function channelDisabledToItem(change: ChannelDisabled): Record<string, unknown> {
  return { ...channelDisabledKey(change), recordType: 'CHANNEL_DISABLED', ...change };
}
