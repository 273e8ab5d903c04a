/** Builders of valid money events (CloudEvents as the relay publishes them) and their EventBridge envelopes. */
import type { MoneyDepositedEvent, MoneyEvent, MoneyWithdrawnEvent, TransferReceivedEvent, TransferSentEvent } from '@bank/schemas';

export const T0 = Date.parse('2025-03-01T12:00:00.000Z');
export const MINUTE = 60_000;
/** ISO time `minutes` after T0. */
export const at = (minutes: number): string => new Date(T0 + minutes * MINUTE).toISOString();

let sequence = 0;
const nextId = (): string => `01JEVENT${String((sequence += 1)).padStart(18, '0')}`;

const envelope = (id: string, accountId: string, time: string) => ({
  specversion: '1.0' as const,
  id,
  source: 'bank.account' as const,
  time,
  subject: accountId,
  datacontenttype: 'application/json' as const,
});

const money = (id: string, accountId: string, amount: number) => ({ accountId, transactionId: id, amount, balanceAfter: 1_000_000, currency: 'USD' });

export function deposit(accountId: string, amount: number, time: string, id = nextId()): MoneyDepositedEvent {
  return { ...envelope(id, accountId, time), type: 'MoneyDeposited', dataschema: 'urn:bank:events:MoneyDeposited:v1', data: { ...money(id, accountId, amount), type: 'DEPOSIT' } };
}

export function withdrawal(accountId: string, amount: number, time: string, id = nextId()): MoneyWithdrawnEvent {
  return { ...envelope(id, accountId, time), type: 'MoneyWithdrawn', dataschema: 'urn:bank:events:MoneyWithdrawn:v1', data: { ...money(id, accountId, amount), type: 'WITHDRAWAL' } };
}

export function transferOut(accountId: string, to: string, amount: number, time: string, id = nextId()): TransferSentEvent {
  return {
    ...envelope(id, accountId, time),
    type: 'TransferSent',
    dataschema: 'urn:bank:events:TransferSent:v1',
    data: { ...money(id, accountId, amount), type: 'TRANSFER_OUT', counterpartyAccountId: to, transferId: `tr-${id}` },
  };
}

export function transferIn(accountId: string, from: string, amount: number, time: string, id = nextId()): TransferReceivedEvent {
  return {
    ...envelope(id, accountId, time),
    type: 'TransferReceived',
    dataschema: 'urn:bank:events:TransferReceived:v1',
    data: { ...money(id, accountId, amount), type: 'TRANSFER_IN', counterpartyAccountId: from, transferId: `tr-${id}` },
  };
}

/** The SQS body an EventBridge rule delivers: the EventBridge event whose `detail` is the CloudEvent. */
export function eventBridgeBody(event: MoneyEvent | Record<string, unknown>): string {
  return JSON.stringify({
    version: '0',
    id: `eb-${String(event.id)}`,
    'detail-type': event.type,
    source: 'bank.account',
    account: '000000000000',
    time: event.time,
    region: 'us-east-1',
    resources: [],
    detail: event,
  });
}
