import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import { DynamoDeliveryLedger } from '../../../src/adapters/dynamo-delivery-ledger';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
const tableName = uniqueName('deliveries');
const ledger = new DynamoDeliveryLedger({ client: documents, tableName });
const T0 = new Date('2024-05-01T12:00:00.000Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const claim = (eventId: string, leaseToken: string, now = T0) =>
  ledger.claim({ eventId, channel: 'sms', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken, now, leaseSeconds: 60 });

async function item(eventId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { DeliveryID: `${eventId}#sms` }, ConsistentRead: true }));
  return Item;
}

beforeAll(async () => {
  await createTableLike(dynamodb, buildTopology().deliveriesTable, tableName);
});

afterAll(() => dynamodb.destroy());

describe('DynamoDeliveryLedger', () => {
  it('claims a new delivery and writes the contract fields', async () => {
    expect(await claim('e1', 'a')).toEqual({ claimed: true, delivered: [] });
    expect(await item('e1')).toMatchObject({
      DeliveryID: 'e1#sms',
      eventId: 'e1',
      channel: 'sms',
      eventType: 'MoneyDeposited',
      accountId: 'acc-1',
      status: 'SENDING',
      attempts: 0,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
  });

  it('refuses a second claim while the lease runs, and allows it once the lease expired', async () => {
    await claim('e2', 'a');
    expect(await claim('e2', 'b', later(30))).toEqual({ claimed: false, status: 'SENDING' });
    expect(await claim('e2', 'b', later(61))).toEqual({ claimed: true, delivered: [] });
  });

  it('reports SENT to later claims and only lets the lease holder finish', async () => {
    await claim('e3', 'a');
    expect(await ledger.markSent({ eventId: 'e3', channel: 'sms' }, { leaseToken: 'intruder', now: T0, provider: 'p', providerMessageId: 'm', attempts: 1 })).toBe(false);
    expect(await ledger.markSent({ eventId: 'e3', channel: 'sms' }, { leaseToken: 'a', now: later(1), provider: 'twilio', providerMessageId: 'SM1', attempts: 2 })).toBe(true);
    expect(await claim('e3', 'b', later(3600))).toEqual({ claimed: false, status: 'SENT' });
    expect(await item('e3')).toMatchObject({ status: 'SENT', provider: 'twilio', providerMessageId: 'SM1', attempts: 2 });
  });

  it('releases a claim with lastError so the next receive can claim at once', async () => {
    await claim('e4', 'a');
    const lastError = { class: 'RetryableError', reason: '503', provider: 'twilio', at: T0.toISOString() };
    expect(await ledger.release({ eventId: 'e4', channel: 'sms' }, { leaseToken: 'a', now: T0, attempts: 1, lastError })).toBe(true);
    expect(await item('e4')).toMatchObject({ status: 'SENDING', attempts: 1, lastError });
    expect(await claim('e4', 'b', later(1))).toEqual({ claimed: true, delivered: [] });
  });

  it('records FAILED and lets a replay claim it again', async () => {
    await claim('e5', 'a');
    const lastError = { class: 'PermanentError', reason: 'invalid number', code: '21211', at: T0.toISOString() };
    await ledger.markFailed({ eventId: 'e5', channel: 'sms' }, { leaseToken: 'a', now: T0, attempts: 1, lastError });
    expect(await item('e5')).toMatchObject({ status: 'FAILED', lastError });
    expect(await claim('e5', 'replay', later(1))).toEqual({ claimed: true, delivered: [] });
  });

  it('records SKIPPED with the reason', async () => {
    await claim('e6', 'a');
    await ledger.markSkipped({ eventId: 'e6', channel: 'sms' }, { leaseToken: 'a', now: T0, reason: 'channel-off' });
    expect(await item('e6')).toMatchObject({ status: 'SKIPPED', skipReason: 'channel-off' });
    expect(await claim('e6', 'b', later(1))).toEqual({ claimed: false, status: 'SKIPPED' });
  });

  it('remembers the addresses an attempt reached, for the next claim, across release and replay', async () => {
    await claim('e7', 'a');
    const lastError = { class: 'RetryableError', reason: '503', at: T0.toISOString() };
    await ledger.release({ eventId: 'e7', channel: 'sms' }, { leaseToken: 'a', now: T0, attempts: 2, lastError, delivered: ['d1'] });
    expect(await claim('e7', 'b', later(1))).toEqual({ claimed: true, delivered: ['d1'] });
    await ledger.markFailed({ eventId: 'e7', channel: 'sms' }, { leaseToken: 'b', now: T0, attempts: 1, lastError, delivered: ['d1', 'd2'] });
    expect(await claim('e7', 'c', later(2))).toEqual({ claimed: true, delivered: ['d1', 'd2'] });
  });
});
