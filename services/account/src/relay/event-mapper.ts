import { dataSchemaUri, EVENT_SOURCE, type BankEvent } from '@bank/schemas';
import { RISK_CASE_RECORD_TYPE, riskCaseEventId, riskCaseOpenedData } from '@bank/risk-service';
import { RISK_POLICY_VERSION_RECORD_TYPE } from '@bank/risk-policy';

/**
 * The item types the outbox turns into events; the CDK stream filter delivers only these to the
 * relay (everything else in the stream costs no invocation).
 */
export const OUTBOX_RECORD_TYPES: readonly string[] = [
  'ACCOUNT',
  'TRANSACTION',
  'HOLD',
  'HOLD_DECISION',
  'ACCOUNT_STATUS',
  'CHANNEL_DISABLED',
  RISK_CASE_RECORD_TYPE,
  RISK_POLICY_VERSION_RECORD_TYPE,
];

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

const text = (value: unknown): string => String(value);
const optional = (key: string, value: unknown) => (value === undefined || value === null ? {} : { [key]: value });

/** A review hold (DebitHeld) and its decision (HoldApproved / HoldDeclined): written once each. */
function holdEvent(item: Readonly<Record<string, unknown>>): unknown {
  const holdId = text(item.holdId);
  const accountId = text(item.accountId);
  const base = { accountId, holdId, debitType: item.debitType, amount: item.amount, currency: item.currency };
  if (item.recordType === 'HOLD') {
    return {
      ...envelope(`hold-${holdId}-held`, 'DebitHeld', text(item.createdAt), accountId, item.correlationId),
      data: { ...base, availableBalance: item.availableAfter, expiresAt: item.expiresAt, ...optional('counterpartyAccountId', item.counterpartyAccountId) },
    };
  }
  const id = `hold-${holdId}-decided`;
  if (item.status === 'APPROVED') {
    return { ...envelope(id, 'HoldApproved', text(item.decidedAt), accountId, item.correlationId), data: { ...base, transactionId: item.transactionId } };
  }
  return {
    ...envelope(id, 'HoldDeclined', text(item.decidedAt), accountId, item.correlationId),
    data: { ...base, availableBalance: item.availableAfter, outcome: item.status },
  };
}

const STATUS_EVENTS = { FROZEN: 'AccountFrozen', OPEN: 'AccountUnfrozen', CLOSED: 'AccountClosed' } as const;

/** A change of an account's status: frozen, unfrozen, closed. */
function statusEvent(item: Readonly<Record<string, unknown>>): unknown {
  const type = STATUS_EVENTS[text(item.status) as keyof typeof STATUS_EVENTS];
  if (!type) return undefined;
  const accountId = text(item.accountId);
  return {
    ...envelope(`status-${accountId}-${text(item.changeId)}`, type, text(item.at), accountId, item.correlationId),
    data: { accountId, by: item.by, ...(type === 'AccountClosed' ? {} : optional('reason', item.reason)) },
  };
}

/**
 * The transactional outbox: a new transaction record becomes one money event, a new account item
 * becomes AccountOpened, a hold, its decision, a status change, a risk case and a policy version
 * become theirs. Everything else in the stream (balance updates, idempotency records, daily
 * counters, index items) is not an event. Ids are deterministic so a re-published event dedupes
 * downstream. The result is unchecked: the relay validates it against the schema before publishing.
 */
export function toEvent(change: ChangedItem): unknown {
  const item = change.newImage;
  if (change.eventName !== 'INSERT' || !item) return undefined;
  if (item.recordType === 'HOLD' || item.recordType === 'HOLD_DECISION') return holdEvent(item);
  if (item.recordType === 'ACCOUNT_STATUS') return statusEvent(item);
  if (item.recordType === 'CHANNEL_DISABLED') {
    const accountId = text(item.accountId);
    return {
      ...envelope(`channel-disabled-${accountId}-${text(item.changeId)}`, 'NotificationChannelDisabled', text(item.at), accountId, undefined),
      data: { accountId, channel: item.channel, reason: item.code, provider: item.provider },
    };
  }
  const riskCase = riskCaseOpenedData(item);
  if (riskCase) {
    return { ...envelope(riskCaseEventId(riskCase.caseId), 'RiskCaseOpened', riskCase.openedAt, riskCase.accountId, item.correlationId), data: riskCase };
  }
  if (item.recordType === RISK_POLICY_VERSION_RECORD_TYPE) {
    const policy = item.policy as { mode?: unknown } | undefined;
    return {
      ...envelope(`risk-policy-v${text(item.version)}`, 'RiskPolicyChanged', text(item.updatedAt), 'risk-policy', undefined),
      data: { version: item.version, mode: policy?.mode, policy },
    };
  }
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
