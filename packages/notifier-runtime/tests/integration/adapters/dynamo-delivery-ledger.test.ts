import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

/** `<prefix>-sent` (SENT), `<prefix>-held` (SENDING under lease 'a') and `<prefix>-replay` (released, having reached 'd1'). */
async function recordsNotNew(prefix: string): Promise<void> {
  await claim(`${prefix}-sent`, 'a');
  await ledger.markSent({ eventId: `${prefix}-sent`, channel: 'sms' }, { leaseToken: 'a', now: T0, attempts: 1 });
  await claim(`${prefix}-held`, 'a');
  await claim(`${prefix}-replay`, 'a');
  const lastError = { class: 'RetryableError', reason: '503', at: T0.toISOString() };
  await ledger.release({ eventId: `${prefix}-replay`, channel: 'sms' }, { leaseToken: 'a', now: T0, attempts: 1, lastError, delivered: ['d1'] });
}

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

  describe('claim: a new delivery is put whole; the record the put finds decides the rest', () => {
    const commandsOf = (send: jest.SpyInstance) => send.mock.calls.map(([command]: [{ constructor: { name: string } }]) => command.constructor.name);

    it('claims a new delivery with one conditional put, answers a done or held one from the record that put found, and takes a replayable one with the full condition', async () => {
      await recordsNotNew('p');

      const send = jest.spyOn(documents, 'send');
      try {
        expect(await claim('p-new', 'b', later(1))).toEqual({ claimed: true, delivered: [] });
        expect(commandsOf(send)).toEqual(['PutCommand']);
        send.mockClear();
        expect(await claim('p-sent', 'b', later(1))).toEqual({ claimed: false, status: 'SENT' });
        expect(await claim('p-held', 'b', later(1))).toEqual({ claimed: false, status: 'SENDING' });
        expect(commandsOf(send)).toEqual(['PutCommand', 'PutCommand']);
        send.mockClear();
        expect(await claim('p-replay', 'b', later(1))).toEqual({ claimed: true, delivered: ['d1'] });
        expect(commandsOf(send)).toEqual(['PutCommand', 'UpdateCommand']);
      } finally {
        send.mockRestore();
      }
      expect(await item('p-held')).toMatchObject({ leaseToken: 'a' });
    });

    it("takes a record its own put wrote as claimed: the SDK's retry of a put whose answer was lost", async () => {
      expect(await claim('retried', 'a')).toEqual({ claimed: true, delivered: [] });
      // The same request again, as the SDK sends it when the first answer did not arrive.
      expect(await claim('retried', 'a')).toEqual({ claimed: true, delivered: [] });
      expect(await claim('retried', 'b')).toEqual({ claimed: false, status: 'SENDING' });
      expect(await item('retried')).toMatchObject({ status: 'SENDING', leaseToken: 'a' });
    });

    it('does not take over a FAILED the provider reported: it is final', async () => {
      await claim('reported', 'a');
      await ledger.markSent({ eventId: 'reported', channel: 'sms' }, { leaseToken: 'a', now: T0, attempts: 1 });
      // What a provider's failure report leaves (delivery-status's write).
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { DeliveryID: 'reported#sms' },
          UpdateExpression: 'SET #status = :failed, reportedAt = :at',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'FAILED', ':at': T0.toISOString() },
        }),
      );
      expect(await claim('reported', 'b', later(1))).toEqual({ claimed: false, status: 'FAILED' });
    });

    it('gives concurrent claims of one delivery to exactly one of them', async () => {
      const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((token) => claim('race', token)));
      expect(answers.filter((answer) => answer.claimed)).toHaveLength(1);
      expect(answers.filter((answer) => !answer.claimed)).toEqual(Array.from({ length: 4 }, () => ({ claimed: false, status: 'SENDING' })));
    });
  });

  describe('claimAll and markAllSent (a batch in one request each)', () => {
    const request = (eventId: string, leaseToken: string, now = T0) => ({ eventId, channel: 'sms', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken, now, leaseSeconds: 60 });
    const sent = (eventId: string, leaseToken: string, messageId: string) => ({
      key: { eventId, channel: 'sms' },
      update: { leaseToken, now: later(1), provider: 'twilio', providerMessageId: messageId, attempts: 1, accepted: [{ provider: 'twilio', providerMessageId: messageId }] },
    });
    const lookup = async (messageId: string) =>
      (await documents.send(new GetCommand({ TableName: tableName, Key: { DeliveryID: `MSG#twilio#${messageId}` }, ConsistentRead: true }))).Item;

    it('claims new deliveries together and records them SENT together, with their lookups', async () => {
      const send = jest.spyOn(documents, 'send');
      expect(await ledger.claimAll([request('b1', 'a'), request('b2', 'a'), request('b3', 'a')])).toEqual([
        { claimed: true, delivered: [] },
        { claimed: true, delivered: [] },
        { claimed: true, delivered: [] },
      ]);
      const claimCalls = send.mock.calls.map(([command]) => command.constructor.name);
      expect(await item('b2')).toMatchObject({ status: 'SENDING', leaseToken: 'a', eventType: 'MoneyDeposited', accountId: 'acc-1', attempts: 0 });
      send.mockClear();
      expect(await ledger.markAllSent([sent('b1', 'a', 'SMb1'), sent('b2', 'a', 'SMb2'), sent('b3', 'a', 'SMb3')])).toEqual([true, true, true]);
      expect([...claimCalls, ...send.mock.calls.map(([command]) => command.constructor.name)]).toEqual(['TransactWriteCommand', 'TransactWriteCommand']);
      send.mockRestore();
      expect(await item('b3')).toMatchObject({ status: 'SENT', provider: 'twilio', providerMessageId: 'SMb3', attempts: 1 });
      expect(await lookup('SMb1')).toMatchObject({ recordType: 'MESSAGE', deliveryId: 'b1#sms' });
    });

    it('answers each claim as claim would when some are not new: done, held, replayable', async () => {
      await recordsNotNew('c');

      expect(await ledger.claimAll([request('c-new', 'b', later(1)), request('c-sent', 'b', later(1)), request('c-held', 'b', later(1)), request('c-replay', 'b', later(1))])).toEqual([
        { claimed: true, delivered: [] },
        { claimed: false, status: 'SENT' },
        { claimed: false, status: 'SENDING' },
        { claimed: true, delivered: ['d1'] },
      ]);
      expect(await item('c-held')).toMatchObject({ leaseToken: 'a' });
      // A lone claim takes the same way back.
      expect(await ledger.claimAll([request('c-sent', 'c', later(2))])).toEqual([{ claimed: false, status: 'SENT' }]);
      expect(await ledger.claimAll([request('c-new2', 'c', later(2))])).toEqual([{ claimed: true, delivered: [] }]);
    });

    it('writes the SENT records whose lease holds and answers false, writing nothing, for a lost one', async () => {
      await ledger.claimAll([request('l1', 'a'), request('l2', 'a'), request('l3', 'a')]);
      expect(await ledger.markAllSent([sent('l1', 'a', 'SMl1'), sent('l2', 'intruder', 'SMl2'), sent('l3', 'a', 'SMl3')])).toEqual([true, false, true]);
      expect(await item('l1')).toMatchObject({ status: 'SENT' });
      expect(await item('l2')).toMatchObject({ status: 'SENDING', leaseToken: 'a' });
      expect(await item('l3')).toMatchObject({ status: 'SENT' });
      expect(await lookup('SMl2')).toBeUndefined();
      expect(await lookup('SMl3')).toMatchObject({ deliveryId: 'l3#sms' });
    });

    it('leaves the same SENT record whether it was put whole or updated (another container)', async () => {
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
      await ledger.claimAll([request('whole', 'a'), request('whole-2', 'a')]);
      await claim('updated', 'a');
      expect(await ledger.markAllSent([{ key: { eventId: 'whole', channel: 'sms' }, update }, sent('whole-2', 'a', 'SMw2')])).toEqual([true, true]);
      // Another container's ledger remembers no record put whole: it finishes by update.
      expect(await new DynamoDeliveryLedger({ client: documents, tableName }).markSent({ eventId: 'updated', channel: 'sms' }, update)).toBe(true);
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
      await ledger.claimAll([request('taken', 'a'), request('taken-2', 'a')]);
      // The lease ran out and another worker claimed it.
      expect(await claim('taken', 'b', later(61))).toEqual({ claimed: true, delivered: [] });
      expect(await ledger.markSent({ eventId: 'taken', channel: 'sms' }, { leaseToken: 'a', now: later(62), attempts: 1, provider: 'twilio', providerMessageId: 'SMt' })).toBe(false);
      expect(await item('taken')).toMatchObject({ status: 'SENDING', leaseToken: 'b' });
      expect(await lookup('SMt')).toBeUndefined();
    });

    describe('messages whose status reports carry the notification key (lookup: false)', () => {
      const keyed = (eventId: string, leaseToken: string, messageId: string) => {
        const entry = sent(eventId, leaseToken, messageId);
        return { ...entry, update: { ...entry.update, accepted: [{ provider: 'twilio', providerMessageId: messageId, lookup: false }] } };
      };
      const commandsOf = (send: jest.SpyInstance) => send.mock.calls.map(([command]: [{ constructor: { name: string } }]) => command.constructor.name);

      it('records a lone SENT as one conditional write, with no lookup item, whether claimed by update or put whole', async () => {
        await claim('k-updated', 'a');
        await ledger.claimAll([request('k-whole', 'a')]);
        const send = jest.spyOn(documents, 'send');
        const updated = keyed('k-updated', 'a', 'SMku');
        const whole = keyed('k-whole', 'a', 'SMkw');
        // Another container's ledger remembers no record put whole: it finishes by update.
        expect(await new DynamoDeliveryLedger({ client: documents, tableName }).markSent(updated.key, updated.update)).toBe(true);
        expect(await ledger.markSent(whole.key, whole.update)).toBe(true);
        expect(commandsOf(send)).toEqual(['UpdateCommand', 'PutCommand']);
        send.mockRestore();
        expect(await lookup('SMku')).toBeUndefined();
        expect(await lookup('SMkw')).toBeUndefined();
        expect(await item('k-updated')).toMatchObject({ status: 'SENT', providerMessageId: 'SMku', messageIds: new Set(['SMku']) });
        expect(await item('k-whole')).toMatchObject({ status: 'SENT', providerMessageId: 'SMkw', messageIds: new Set(['SMkw']) });
      });

      it('writes only the records in a batch transaction, and the lookups of the others', async () => {
        await ledger.claimAll([request('kb1', 'a'), request('kb2', 'a'), request('kb3', 'a')]);
        const send = jest.spyOn(documents, 'send');
        expect(await ledger.markAllSent([keyed('kb1', 'a', 'SMkb1'), keyed('kb2', 'a', 'SMkb2'), sent('kb3', 'a', 'SMkb3')])).toEqual([true, true, true]);
        const [transaction] = send.mock.calls.map(([command]) => command.input as { TransactItems?: unknown[] });
        expect(commandsOf(send)).toEqual(['TransactWriteCommand']);
        expect(transaction?.TransactItems).toHaveLength(4);
        send.mockRestore();
        expect(await lookup('SMkb1')).toBeUndefined();
        expect(await lookup('SMkb3')).toMatchObject({ deliveryId: 'kb3#sms' });
        expect(await item('kb2')).toMatchObject({ status: 'SENT', messageIds: new Set(['SMkb2']) });
      });

      it('carries every message of the attempt, the first also as providerMessageId', async () => {
        await claim('k-many', 'a');
        const entry = keyed('k-many', 'a', 'SMm1');
        await ledger.markSent(entry.key, { ...entry.update, accepted: [{ provider: 'twilio', providerMessageId: 'SMm1', lookup: false }, { provider: 'twilio', providerMessageId: 'SMm2', lookup: false }] });
        expect(await item('k-many')).toMatchObject({ messageIds: new Set(['SMm1', 'SMm2']), providerMessageId: 'SMm1' });
      });
    });

    it('splits SENT records over transactions of at most 100 items', async () => {
      const ids = Array.from({ length: 60 }, (_, i) => `big${i}`);
      await ledger.claimAll(ids.map((id) => request(id, 'a')));
      // 60 deliveries with a lookup each: 120 items, two transactions.
      expect(await ledger.markAllSent(ids.map((id) => sent(id, 'a', `SM${id}`)))).toEqual(ids.map(() => true));
      expect(await item('big59')).toMatchObject({ status: 'SENT' });
      expect(await lookup('SMbig0')).toMatchObject({ deliveryId: 'big0#sms' });
    });
  });
});
