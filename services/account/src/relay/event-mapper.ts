import { dataSchemaUri, EVENT_SOURCE, type BankEvent } from '@bank/schemas';

/** What the relay knows about one stream record: its kind of change and the new item. */
export interface ChangedItem {
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly newImage: Readonly<Record<string, unknown>> | undefined;
}

const MONEY_TYPES = {
  DEPOSIT: 'MoneyDeposited',
  WITHDRAWAL: 'MoneyWithdrawn',
  TRANSFER_OUT: 'TransferSent',
  TRANSFER_IN: 'TransferReceived',
} as const;

const envelope = (id: string, type: BankEvent['type'], time: string, subject: string, correlationId: unknown) => ({
  specversion: '1.0' as const,
  id,
  source: EVENT_SOURCE,
  type,
  time,
  subject,
  datacontenttype: 'application/json' as const,
  dataschema: dataSchemaUri(type),
  ...(typeof correlationId === 'string' && correlationId !== '' ? { correlationid: correlationId } : {}),
});

/**
 * The transactional outbox: a new transaction record becomes one money event, a new account item
 * becomes AccountOpened. Everything else in the stream (balance updates, idempotency records,
 * daily counters) is not an event. Ids are deterministic so a re-published event dedupes downstream.
 * The result is unchecked: the relay validates it against the schema before publishing.
 */
export function toEvent(change: ChangedItem): unknown {
  const item = change.newImage;
  if (change.eventName !== 'INSERT' || !item) return undefined;
  if (item.recordType === 'ACCOUNT') {
    const accountId = String(item.accountId);
    const prefs = typeof item.notifications === 'object' && item.notifications !== null ? item.notifications : {};
    return {
      ...envelope(`account-opened-${accountId}`, 'AccountOpened', String(item.createdAt), accountId, item.correlationId),
      data: {
        accountId,
        currency: item.currency,
        balance: item.balance,
        channels: Object.fromEntries(Object.entries(prefs).map(([channel, on]) => [channel, on === true])),
      },
    };
  }
  if (item.recordType !== 'TRANSACTION') return undefined;
  const type = MONEY_TYPES[String(item.type) as keyof typeof MONEY_TYPES];
  if (!type) return undefined;
  const accountId = String(item.accountId);
  const transactionId = String(item.transactionId);
  return {
    ...envelope(transactionId, type, String(item.timestamp), accountId, item.correlationId),
    data: {
      accountId,
      transactionId,
      type: item.type,
      amount: item.amount,
      balanceAfter: item.balanceAfter,
      currency: item.currency,
      ...(item.counterpartyAccountId !== undefined ? { counterpartyAccountId: item.counterpartyAccountId } : {}),
      ...(item.transferId !== undefined ? { transferId: item.transferId } : {}),
    },
  };
}

/** Channels the customer had on for this transaction (empty for anything that is not one). */
export function optInChannels(change: ChangedItem): string[] {
  const notify = change.newImage?.notify;
  return Array.isArray(notify) ? notify.filter((c): c is string => typeof c === 'string') : [];
}
