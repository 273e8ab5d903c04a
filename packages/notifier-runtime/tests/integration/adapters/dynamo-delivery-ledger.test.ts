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

  describe('a new delivery is put whole; an existing one goes through the full condition', () => {
    const sent = (eventId: string, leaseToken: string, messageId: string) => ({
      key: { eventId, channel: 'sms' },
      update: { leaseToken, now: later(1), provider: 'twilio', providerMessageId: messageId, attempts: 1, accepted: [{ provider: 'twilio', providerMessageId: messageId }] },
    });
    const lookup = async (messageId: string) =>
      (await documents.send(new GetCommand({ TableName: tableName, Key: { DeliveryID: `MSG#twilio#${messageId}` }, ConsistentRead: true }))).Item;
    const commandsOf = (send: jest.SpyInstance) => send.mock.calls.map(([command]: [{ constructor: { name: string } }]) => command.constructor.name);
    /** Another container's ledger: it remembers no record put whole, so it finishes by update. */
    const elsewhere = () => new DynamoDeliveryLedger({ client: documents, tableName });

    it('claims a new delivery with one conditional put, and one that has a record as claim always did: done, held, replayable', async () => {
      await claim('c-sent', 'a');
      await ledger.markSent({ eventId: 'c-sent', channel: 'sms' }, { leaseToken: 'a', now: T0, attempts: 1 });
      await claim('c-held', 'a');
      await claim('c-replay', 'a');
      const lastError = { class: 'RetryableError', reason: '503', at: T0.toISOString() };
      await ledger.release({ eventId: 'c-replay', channel: 'sms' }, { leaseToken: 'a', now: T0, attempts: 1, lastError, delivered: ['d1'] });

      const send = jest.spyOn(documents, 'send');
      expect(await claim('c-new', 'b', later(1))).toEqual({ claimed: true, delivered: [] });
      expect(commandsOf(send)).toEqual(['PutCommand']);
      send.mockClear();
      expect(await claim('c-sent', 'b', later(1))).toEqual({ claimed: false, status: 'SENT' });
      expect(commandsOf(send)).toEqual(['PutCommand', 'UpdateCommand', 'GetCommand']);
      send.mockRestore();
      expect(await claim('c-held', 'b', later(1))).toEqual({ claimed: false, status: 'SENDING' });
      expect(await claim('c-replay', 'b', later(1))).toEqual({ claimed: true, delivered: ['d1'] });
      expect(await item('c-held')).toMatchObject({ leaseToken: 'a' });
      expect(await item('c-new')).toMatchObject({ status: 'SENDING', leaseToken: 'b', eventType: 'MoneyDeposited', accountId: 'acc-1', attempts: 0 });
    });

    it('gives concurrent claims of one delivery to exactly one of them', async () => {
      const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((token) => claim('race', token)));
      expect(answers.filter((answer) => answer.claimed)).toHaveLength(1);
      expect(answers.filter((answer) => !answer.claimed)).toEqual(Array.from({ length: 4 }, () => ({ claimed: false, status: 'SENDING' })));
    });

    it('records SENT with its lookup item in one transaction when reports need the lookup', async () => {
      await claim('b1', 'a');
      const send = jest.spyOn(documents, 'send');
      const entry = sent('b1', 'a', 'SMb1');
      expect(await ledger.markSent(entry.key, entry.update)).toBe(true);
      expect(commandsOf(send)).toEqual(['TransactWriteCommand']);
      send.mockRestore();
      expect(await item('b1')).toMatchObject({ status: 'SENT', provider: 'twilio', providerMessageId: 'SMb1', attempts: 1 });
      expect(await lookup('SMb1')).toMatchObject({ recordType: 'MESSAGE', deliveryId: 'b1#sms' });
    });

    it('writes neither the record nor its lookup when the lease was lost', async () => {
      await claim('l1', 'a');
      const entry = sent('l1', 'intruder', 'SMl1');
      expect(await ledger.markSent(entry.key, entry.update)).toBe(false);
      expect(await item('l1')).toMatchObject({ status: 'SENDING', leaseToken: 'a' });
      expect(await lookup('SMl1')).toBeUndefined();
    });

    it('leaves the same SENT record whether it was put whole or updated', async () => {
      const update = {
        leaseToken: 'a',
        now: later(2),
        provider: 'twilio',
        providerMessageId: 'SMsame',
        attempts: 2,
        to: '•••1234',
        customerId: 'cust-1',
        delivered: ['phone_number'],
        accepted: [{ provider: 'twilio', providerMessageId: 'SMsame', lookup: false }],
      };
      await claim('whole', 'a');
      await claim('updated', 'a');
      const send = jest.spyOn(documents, 'send');
      expect(await ledger.markSent({ eventId: 'whole', channel: 'sms' }, update)).toBe(true);
      expect(await elsewhere().markSent({ eventId: 'updated', channel: 'sms' }, update)).toBe(true);
      expect(commandsOf(send)).toEqual(['PutCommand', 'UpdateCommand']);
      send.mockRestore();
      const comparable = (record: Record<string, unknown> | undefined) => ({ ...record, DeliveryID: undefined, eventId: undefined });
      expect(comparable(await item('whole'))).toEqual(comparable(await item('updated')));
      expect(await item('whole')).toMatchObject({
        status: 'SENT',
        attempts: 2,
        delivered: new Set(['phone_number']),
        messageIds: new Set(['SMsame']),
        createdAt: T0.toISOString(),
        updatedAt: later(2).toISOString(),
      });
      expect(await item('whole')).not.toHaveProperty('leaseToken');
    });

    it('does not put a SENT record whole over a claim another worker took over', async () => {
      await claim('taken', 'a');
      // The lease ran out and another container claimed it.
      const takeover = { eventId: 'taken', channel: 'sms', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 'b', now: later(61), leaseSeconds: 60 };
      expect(await elsewhere().claim(takeover)).toEqual({ claimed: true, delivered: [] });
      expect(await ledger.markSent({ eventId: 'taken', channel: 'sms' }, { leaseToken: 'a', now: later(62), attempts: 1, provider: 'twilio', providerMessageId: 'SMt' })).toBe(false);
      expect(await item('taken')).toMatchObject({ status: 'SENDING', leaseToken: 'b' });
      expect(await lookup('SMt')).toBeUndefined();
    });

    describe('messages whose status reports carry the notification key (lookup: false)', () => {
      const keyed = (eventId: string, leaseToken: string, messageId: string) => {
        const entry = sent(eventId, leaseToken, messageId);
        return { ...entry, update: { ...entry.update, accepted: [{ provider: 'twilio', providerMessageId: messageId, lookup: false }] } };
      };

      it('records SENT as one conditional write, with no lookup item, whether put whole or updated', async () => {
        await claim('k-updated', 'a');
        await claim('k-whole', 'a');
        const send = jest.spyOn(documents, 'send');
        const updated = keyed('k-updated', 'a', 'SMku');
        const whole = keyed('k-whole', 'a', 'SMkw');
        expect(await elsewhere().markSent(updated.key, updated.update)).toBe(true);
        expect(await ledger.markSent(whole.key, whole.update)).toBe(true);
        expect(commandsOf(send)).toEqual(['UpdateCommand', 'PutCommand']);
        send.mockRestore();
        expect(await lookup('SMku')).toBeUndefined();
        expect(await lookup('SMkw')).toBeUndefined();
        expect(await item('k-updated')).toMatchObject({ status: 'SENT', providerMessageId: 'SMku', messageIds: new Set(['SMku']) });
        expect(await item('k-whole')).toMatchObject({ status: 'SENT', providerMessageId: 'SMkw', messageIds: new Set(['SMkw']) });
      });

      it('carries every message of the attempt, the first also as providerMessageId', async () => {
        await claim('k-many', 'a');
        const entry = keyed('k-many', 'a', 'SMm1');
        await ledger.markSent(entry.key, { ...entry.update, accepted: [{ provider: 'twilio', providerMessageId: 'SMm1', lookup: false }, { provider: 'twilio', providerMessageId: 'SMm2', lookup: false }] });
        expect(await item('k-many')).toMatchObject({ messageIds: new Set(['SMm1', 'SMm2']), providerMessageId: 'SMm1' });
      });
    });
  });
});
