import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import { DynamoDeliveryLedger } from '../../../src/adapters/dynamo-delivery-ledger';
import { DynamoDeliveryReports } from '../../../src/delivery-reports';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
const tableName = uniqueName('deliveries');
const ledger = new DynamoDeliveryLedger({ client: documents, tableName });
const reports = new DynamoDeliveryReports({ client: documents, tableName });
const T0 = new Date('2026-11-24T10:00:00.000Z');
const T1 = new Date('2026-11-24T10:00:07.000Z');

/** A delivery claimed and sent the way the notifier does it, with one accepted message (`lookup: false`: its reports carry the key). */
async function sent(eventId: string, providerMessageId: string, options: { lookup?: boolean } = {}): Promise<void> {
  await ledger.claim({ eventId, channel: 'email', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 't', now: T0, leaseSeconds: 60 });
  const ok = await ledger.markSent(
    { eventId, channel: 'email' },
    { leaseToken: 't', now: T0, attempts: 1, provider: 'sendgrid', providerMessageId, to: '•••@example.com', customerId: 'sub-1', accepted: [{ provider: 'sendgrid', providerMessageId, ...options }] },
  );
  expect(ok).toBe(true);
}

async function item(id: string): Promise<Record<string, unknown> | undefined> {
  return (await documents.send(new GetCommand({ TableName: tableName, Key: { DeliveryID: id }, ConsistentRead: true }))).Item;
}

const delivered = { providerMessageId: 'x', status: 'DELIVERED' as const, occurredAt: T1.toISOString() };

beforeAll(async () => {
  await createTableLike(dynamodb, buildTopology().deliveriesTable, tableName);
});
afterAll(() => dynamodb.destroy());

describe('DynamoDeliveryReports', () => {
  it('writes a lookup item with SENT in one transaction, and finds the delivery by provider message id', async () => {
    await sent('e1', 'msg-1');
    expect(await item('MSG#sendgrid#msg-1')).toMatchObject({ recordType: 'MESSAGE', deliveryId: 'e1#email', expiresAt: expect.any(Number) });
    expect(await reports.find(['twilio', 'sendgrid'], 'msg-1')).toEqual({
      deliveryId: 'e1#email',
      eventId: 'e1',
      channel: 'email',
      eventType: 'MoneyDeposited',
      accountId: 'acc-1',
      customerId: 'sub-1',
      provider: 'sendgrid',
      status: 'SENT',
      reported: false,
      sentAt: T0.toISOString(),
    });
  });

  it('stores the masked address and never the lookup under the account (it has no accountId)', async () => {
    await sent('e2', 'msg-2');
    expect(await item('e2#email')).toMatchObject({ to: '•••@example.com', customerId: 'sub-1', sentAt: T0.toISOString() });
    expect(await item('MSG#sendgrid#msg-2')).not.toHaveProperty('accountId');
  });

  it('finds nothing for a message the bank never sent', async () => {
    expect(await reports.find(['sendgrid'], 'unknown')).toBeUndefined();
  });

  it('moves SENT once: a second report of the same or another status changes nothing', async () => {
    await sent('e3', 'msg-3');
    const delivery = await reports.find(['sendgrid'], 'msg-3');
    if (!delivery) throw new Error('not found');
    expect(await reports.apply(delivery, { ...delivered, errorCode: '250' }, T1)).toBe(true);
    expect(await reports.apply(delivery, { ...delivered, status: 'BOUNCED' }, T1)).toBe(false);
    expect(await item('e3#email')).toMatchObject({ status: 'DELIVERED', reportedAt: T1.toISOString(), statusAt: T1.toISOString(), errorCode: '250' });
    expect(await reports.find(['sendgrid'], 'msg-3')).toMatchObject({ status: 'DELIVERED', reported: true });
  });

  it('never lets a provider-reported FAILED be claimed again by a redelivered event', async () => {
    await sent('e4', 'msg-4');
    const delivery = await reports.find(['sendgrid'], 'msg-4');
    if (!delivery) throw new Error('not found');
    await reports.apply(delivery, { ...delivered, status: 'FAILED' }, T1);
    const again = await ledger.claim({ eventId: 'e4', channel: 'email', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 'u', now: T1, leaseSeconds: 60 });
    expect(again).toEqual({ claimed: false, status: 'FAILED' });
  });

  it('leaves the same record whether the report is put whole (a delivery find read) or applied as an update', async () => {
    await sent('e5', 'msg-5');
    await sent('e6', 'msg-6');
    const read = await reports.find(['sendgrid'], 'msg-5');
    const other = await reports.find(['sendgrid'], 'msg-6');
    if (!read || !other) throw new Error('not found');
    const report = { ...delivered, status: 'BOUNCED' as const, errorCode: '550', permanent: true };
    expect(await reports.apply(read, report, T1)).toBe(true);
    // A copy is not what find returned: the update path.
    expect(await reports.apply({ ...other }, report, T1)).toBe(true);
    const comparable = (record: Record<string, unknown> | undefined) => ({ ...record, DeliveryID: undefined, eventId: undefined, providerMessageId: undefined, messageIds: undefined });
    expect(comparable(await item('e5#email'))).toEqual(comparable(await item('e6#email')));
    expect(await item('e5#email')).toMatchObject({ status: 'BOUNCED', errorCode: '550', reportedAt: T1.toISOString(), to: '•••@example.com', customerId: 'sub-1' });
    // And a second report finds it moved, whichever way it was written.
    expect(await reports.apply(read, delivered, T1)).toBe(false);
  });

  describe('applyByKey (the report carries the notification key)', () => {
    const bounced = (providerMessageId: string) => ({ providerMessageId, status: 'BOUNCED' as const, errorCode: '5.1.1', permanent: true, occurredAt: T1.toISOString() });

    it('moves the delivery the key names with no lookup item, and answers it as it was', async () => {
      await sent('k1', 'msg-k1', { lookup: false });
      expect(await item('MSG#sendgrid#msg-k1')).toBeUndefined();
      expect(await item('k1#email')).toMatchObject({ messageIds: new Set(['msg-k1']) });
      const result = await reports.applyByKey('k1:email', bounced('msg-k1'), T1);
      expect(result).toEqual({ kind: 'applied', delivery: expect.objectContaining({ deliveryId: 'k1#email', channel: 'email', customerId: 'sub-1', status: 'SENT', reported: false }) });
      expect(await item('k1#email')).toMatchObject({ status: 'BOUNCED', errorCode: '5.1.1', reportedAt: T1.toISOString(), statusAt: T1.toISOString() });
    });

    it('maps a per-address key to its delivery (the address id is dropped)', async () => {
      await sent('k2', 'msg-k2', { lookup: false });
      expect(await reports.applyByKey('k2:email:contact-1', bounced('msg-k2'), T1)).toMatchObject({ kind: 'applied' });
    });

    it('calls a delivery still at its provider in flight, changes nothing, and applies the same report once it is SENT', async () => {
      await ledger.claim({ eventId: 'k8', channel: 'email', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 't', now: T0, leaseSeconds: 60 });
      const before = await item('k8#email');
      expect(before).toMatchObject({ status: 'SENDING' });
      expect(await reports.applyByKey('k8:email', bounced('msg-k8'), T1)).toEqual({ kind: 'in-flight' });
      expect(await item('k8#email')).toEqual(before);
      expect(
        await ledger.markSent(
          { eventId: 'k8', channel: 'email' },
          { leaseToken: 't', now: T0, attempts: 1, provider: 'sendgrid', providerMessageId: 'msg-k8', customerId: 'sub-1', accepted: [{ provider: 'sendgrid', providerMessageId: 'msg-k8', lookup: false }] },
        ),
      ).toBe(true);
      expect(await reports.applyByKey('k8:email', bounced('msg-k8'), T1)).toMatchObject({ kind: 'applied' });
      expect(await item('k8#email')).toMatchObject({ status: 'BOUNCED' });
    });

    it('changes nothing, and calls it unknown, when the key and the message id disagree', async () => {
      await sent('k3', 'msg-k3', { lookup: false });
      const before = await item('k3#email');
      expect(await reports.applyByKey('k3:email', bounced('msg-other'), T1)).toEqual({ kind: 'unknown' });
      expect(await item('k3#email')).toEqual(before);
    });

    it('calls a key that names no delivery, or is not a key, unknown', async () => {
      expect(await reports.applyByKey('nobody:email', bounced('msg-x'), T1)).toEqual({ kind: 'unknown' });
      expect(await reports.applyByKey('no-channel', bounced('msg-x'), T1)).toEqual({ kind: 'unknown' });
      expect(await item('nobody#email')).toBeUndefined();
    });

    it('answers a repeated report with the delivery as it is now, changing nothing', async () => {
      await sent('k4', 'msg-k4', { lookup: false });
      await reports.applyByKey('k4:email', { ...delivered, providerMessageId: 'msg-k4' }, T1);
      const result = await reports.applyByKey('k4:email', bounced('msg-k4'), T1);
      expect(result).toEqual({ kind: 'unchanged', delivery: expect.objectContaining({ deliveryId: 'k4#email', status: 'DELIVERED', reported: true, customerId: 'sub-1' }) });
      expect(await item('k4#email')).toMatchObject({ status: 'DELIVERED' });
    });

    it('finds a record written before messageIds by its providerMessageId', async () => {
      await sent('k5', 'msg-k5');
      await documents.send(new UpdateCommand({ TableName: tableName, Key: { DeliveryID: 'k5#email' }, UpdateExpression: 'REMOVE messageIds' }));
      expect(await reports.applyByKey('k5:email', bounced('msg-k5'), T1)).toMatchObject({ kind: 'applied' });
    });

    it('leaves the same record as a report applied through the lookup', async () => {
      await sent('k6', 'msg-k6');
      await sent('k7', 'msg-k7');
      const found = await reports.find(['sendgrid'], 'msg-k6');
      if (!found) throw new Error('not found');
      await reports.apply({ ...found }, bounced('msg-k6'), T1);
      await reports.applyByKey('k7:email', bounced('msg-k7'), T1);
      const comparable = (record: Record<string, unknown> | undefined) => ({ ...record, DeliveryID: undefined, eventId: undefined, providerMessageId: undefined, messageIds: undefined });
      expect(comparable(await item('k6#email'))).toEqual(comparable(await item('k7#email')));
    });
  });
});
