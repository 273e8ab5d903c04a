import type { BankEvent } from '@bank/schemas';
import type { NotifierRecord } from '../../src/process-record';
import type { QueueMessageAttribute } from '../../src/ports';
import { InMemoryRecipientDirectory } from '../../src/testing';

export const ACCOUNT_ID = '123456789';
export const OTHER_ACCOUNT_ID = '987654321';
export const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:notify-email';

const envelope = (type: string, id: string) => ({
  specversion: '1.0' as const,
  id,
  source: 'bank.account' as const,
  time: '2024-05-01T12:00:00.000Z',
  subject: ACCOUNT_ID,
  datacontenttype: 'application/json' as const,
  dataschema: `urn:bank:events:${type}:v1`,
  correlationid: 'corr-1',
});

export function depositEvent(id = '01HZDEPOSIT0000000000000001', amount = 100_000, balanceAfter = 500_000): BankEvent {
  return {
    ...envelope('MoneyDeposited', id),
    type: 'MoneyDeposited',
    dataschema: 'urn:bank:events:MoneyDeposited:v1',
    data: { accountId: ACCOUNT_ID, transactionId: id, type: 'DEPOSIT', amount, balanceAfter, currency: 'USD' },
  };
}

export function withdrawalEvent(id = '01HZWITHDRAW000000000000001', amount = 50_000, balanceAfter = 450_000): BankEvent {
  return {
    ...envelope('MoneyWithdrawn', id),
    type: 'MoneyWithdrawn',
    dataschema: 'urn:bank:events:MoneyWithdrawn:v1',
    data: { accountId: ACCOUNT_ID, transactionId: id, type: 'WITHDRAWAL', amount, balanceAfter, currency: 'USD' },
  };
}

export function transferSentEvent(id = '01HZTRANSFEROUT000000000001'): BankEvent {
  return {
    ...envelope('TransferSent', id),
    type: 'TransferSent',
    dataschema: 'urn:bank:events:TransferSent:v1',
    data: {
      accountId: ACCOUNT_ID,
      transactionId: id,
      type: 'TRANSFER_OUT',
      amount: 25_000,
      balanceAfter: 425_000,
      currency: 'USD',
      counterpartyAccountId: OTHER_ACCOUNT_ID,
      transferId: 'tr-1',
    },
  };
}

export function transferReceivedEvent(id = '01HZTRANSFERIN0000000000001'): BankEvent {
  return {
    ...envelope('TransferReceived', id),
    type: 'TransferReceived',
    dataschema: 'urn:bank:events:TransferReceived:v1',
    data: {
      accountId: ACCOUNT_ID,
      transactionId: id,
      type: 'TRANSFER_IN',
      amount: 25_000,
      balanceAfter: 450_000,
      currency: 'USD',
      counterpartyAccountId: OTHER_ACCOUNT_ID,
      transferId: 'tr-1',
    },
  };
}

export function accountOpenedEvent(): BankEvent {
  return {
    ...envelope('AccountOpened', `account-opened-${ACCOUNT_ID}`),
    type: 'AccountOpened',
    dataschema: 'urn:bank:events:AccountOpened:v2',
    data: { accountId: ACCOUNT_ID, currency: 'USD', balance: 10_000, channels: { email: true, sms: true, whatsapp: false, push: false } },
  };
}

export const OWNER_ID = 'owner-sub-1';
export const OWNER_EMAIL = 'owner@example.test';
export const OWNER_PHONE = '+15550100001';

/** The account item (docs/internal-contracts.md) of ACCOUNT_ID, owned by OWNER_ID, every channel on. */
export function accountItem(overrides: Record<string, unknown> = {}): Record<string, unknown> & { accountId: string } {
  return {
    AccountID: ACCOUNT_ID,
    TransactionID: 'ACCOUNT',
    recordType: 'ACCOUNT',
    accountId: ACCOUNT_ID,
    ownerId: OWNER_ID,
    status: 'OPEN',
    notifications: { email: true, sms: true, whatsapp: true, push: true },
    ...overrides,
  };
}

/** The owner's profile with verified contacts unless told otherwise. */
export function profileItem(contacts: Record<string, unknown> = {}): Record<string, unknown> & { customerId: string } {
  return {
    AccountID: `CUSTOMER#${OWNER_ID}`,
    TransactionID: 'PROFILE',
    recordType: 'CUSTOMER',
    customerId: OWNER_ID,
    contacts: { email: { value: OWNER_EMAIL, verified: true }, phone: { value: OWNER_PHONE, verified: true }, ...contacts },
  };
}

/** A registry entry item of the owner (a browser push subscription, say). */
export function registryEntry(registry: string, entryId: string, address: string, attributes: Record<string, unknown> = { p256dh: `key-${entryId}`, auth: `auth-${entryId}` }): Record<string, unknown> {
  return {
    AccountID: `CUSTOMER#${OWNER_ID}`,
    TransactionID: `REGISTRY#${registry}#${entryId}`,
    recordType: 'REGISTRY_ENTRY',
    registry,
    entryId,
    address,
    attributes,
    createdAt: '2024-05-01T00:00:00.000Z',
  };
}

/** A directory holding ACCOUNT_ID, its owner's profile, and nothing registered. */
export function directoryWithOwner(): InMemoryRecipientDirectory {
  return new InMemoryRecipientDirectory().putAccount(accountItem()).putProfile(profileItem());
}

let counter = 0;

export function sqsRecord(
  body: unknown,
  options: { receiveCount?: number; messageId?: string; queueArn?: string; attributes?: Record<string, QueueMessageAttribute> } = {},
): NotifierRecord {
  counter += 1;
  return {
    messageId: options.messageId ?? `msg-${counter}`,
    receiptHandle: `rh-${counter}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    eventSourceARN: options.queueArn ?? QUEUE_ARN,
    attributes: { ApproximateReceiveCount: String(options.receiveCount ?? 1) },
    messageAttributes: options.attributes ?? { type: { dataType: 'String', stringValue: 'MoneyDeposited' }, version: { dataType: 'String', stringValue: '1' } },
  };
}
