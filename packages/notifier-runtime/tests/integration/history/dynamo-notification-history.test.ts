import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import { DynamoDeliveryLedger } from '../../../src/adapters/dynamo-delivery-ledger';
import { DynamoNotificationHistory, InvalidHistoryCursorError } from '../../../src/history';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
const tableName = uniqueName('deliveries');
const ledger = new DynamoDeliveryLedger({ client: documents, tableName });
const history = new DynamoNotificationHistory({ client: documents, tableName });
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));

async function notify(accountId: string, eventId: string, channel: string, minute: number, sent = true): Promise<void> {
  await ledger.claim({ eventId, channel, eventType: 'MoneyDeposited', accountId, leaseToken: 't', now: at(minute), leaseSeconds: 60 });
  if (sent) {
    await ledger.markSent(
      { eventId, channel },
      { leaseToken: 't', now: at(minute), attempts: 1, provider: 'fake', providerMessageId: `${eventId}-${channel}`, to: '•••0123', accepted: [{ provider: 'fake', providerMessageId: `${eventId}-${channel}` }] },
    );
  } else {
    await ledger.markSkipped({ eventId, channel }, { leaseToken: 't', now: at(minute), reason: 'no-contact' });
  }
}

beforeAll(async () => {
  await createTableLike(dynamodb, buildTopology().deliveriesTable, tableName);
  await notify('acc-a', 'e1', 'sms', 1);
  await notify('acc-a', 'e2', 'sms', 2);
  await notify('acc-a', 'e2', 'email', 3, false);
  await notify('acc-a', 'e3', 'sms', 4);
  await notify('acc-b', 'e9', 'sms', 5);
});
afterAll(() => dynamodb.destroy());

describe('DynamoNotificationHistory', () => {
  it("lists one account's notifications newest first, masked, with their status", async () => {
    const page = await history.list('acc-a', 10);
    expect(page.items.map((i) => `${i.eventId}/${i.channel}/${i.status}`)).toEqual(['e3/sms/SENT', 'e2/email/SKIPPED', 'e2/sms/SENT', 'e1/sms/SENT']);
    expect(page.items[0]).toEqual({ eventId: 'e3', eventType: 'MoneyDeposited', channel: 'sms', status: 'SENT', provider: 'fake', sentAt: at(4).toISOString(), updatedAt: at(4).toISOString(), to: '•••0123' });
    expect(page.nextCursor).toBeNull();
  });

  it('pages with an opaque cursor until the last page', async () => {
    const first = await history.list('acc-a', 3);
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await history.list('acc-a', 3, first.nextCursor ?? undefined);
    expect(second.items.map((i) => i.eventId)).toEqual(['e1']);
    const end = second.nextCursor === null ? [] : (await history.list('acc-a', 3, second.nextCursor)).items;
    expect(end).toEqual([]);
  });

  it('keeps lookup items and other accounts out', async () => {
    const items = (await history.list('acc-a', 100)).items;
    expect(items.every((i) => ['e1', 'e2', 'e3'].includes(i.eventId))).toBe(true);
  });

  it.each(['not-a-cursor', Buffer.from('{"c":"yesterday","d":"x"}').toString('base64url'), 'x'.repeat(600)])('refuses a forged cursor %#', async (cursor) => {
    await expect(history.list('acc-a', 10, cursor)).rejects.toBeInstanceOf(InvalidHistoryCursorError);
  });

  it('caps a page at 100', async () => {
    await expect(history.list('acc-a', 1000)).resolves.toMatchObject({ items: expect.any(Array) });
  });
});
