import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDeliveryLedger } from '@bank/notifier-runtime';
import { createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import { PERMISSIVE_RISK_POLICY } from '../../src/testing/index';
import { createAccountsTable, dynamoClient, openAccount, testApi, testUser, type Call } from './harness';

/** GET /accounts/{id}/notifications over the notifiers' real delivery records (the ledger writes them). */
const client = dynamoClient();
const ledger = (tableName: string) => new DynamoDeliveryLedger({ client: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), tableName });
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));

let owner: Call;
let stranger: Call;
let operator: Call;
let accountId: string;

beforeAll(async () => {
  const deliveries = await createTableLike(client, buildTopology().deliveriesTable, uniqueName('deliveries'));
  const api = testApi(await createAccountsTable(client), undefined, client, testUser(), PERMISSIVE_RISK_POLICY, deliveries);
  owner = api.call;
  stranger = api.as(testUser());
  operator = api.as(testUser({ operator: true }));
  accountId = await openAccount(owner, 100);
  const records = ledger(deliveries);
  const sent = async (eventId: string, channel: string, minute: number, to: string) => {
    await records.claim({ eventId, channel, eventType: 'MoneyDeposited', accountId, leaseToken: 't', now: at(minute), leaseSeconds: 60 });
    await records.markSent({ eventId, channel }, { leaseToken: 't', now: at(minute), attempts: 1, provider: 'fake', providerMessageId: `${eventId}-${channel}`, to, accepted: [{ provider: 'fake', providerMessageId: `${eventId}-${channel}` }] });
  };
  await sent('e1', 'email', 1, '•••@example.com');
  await sent('e2', 'sms', 2, '•••0123');
  await sent('e3', 'email', 3, '•••@example.com');
  await records.claim({ eventId: 'e9', channel: 'sms', eventType: 'MoneyDeposited', accountId: 'someone-else', leaseToken: 't', now: at(4), leaseSeconds: 60 });
});
afterAll(() => client.destroy());

describe('GET /accounts/{accountId}/notifications', () => {
  it("lists the account's notifications to its owner, newest first, with DESIGN's fields and masked addresses", async () => {
    const res = await owner('GET', `/accounts/${accountId}/notifications`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      items: [
        { eventId: 'e3', eventType: 'MoneyDeposited', channel: 'email', status: 'SENT', provider: 'fake', sentAt: at(3).toISOString(), updatedAt: at(3).toISOString(), to: '•••@example.com' },
        expect.objectContaining({ eventId: 'e2', channel: 'sms', to: '•••0123' }),
        expect.objectContaining({ eventId: 'e1', channel: 'email' }),
      ],
      nextCursor: null,
    });
  });

  it('pages with the cursor it hands out', async () => {
    const first = await owner('GET', `/accounts/${accountId}/notifications`, undefined, {}, { limit: '2' });
    expect((first.json.items as unknown[]).length).toBe(2);
    const second = await owner('GET', `/accounts/${accountId}/notifications`, undefined, {}, { limit: '2', cursor: String(first.json.nextCursor) });
    expect(second.json).toEqual({ items: [expect.objectContaining({ eventId: 'e1' })], nextCursor: null });
  });

  it('lets operators read it and answers anyone else as for a missing account', async () => {
    expect((await operator('GET', `/accounts/${accountId}/notifications`)).status).toBe(200);
    const other = await stranger('GET', `/accounts/${accountId}/notifications`);
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it.each([
    ['a forged cursor', { cursor: 'forged' }, '/cursor'],
    ['a limit over 100', { limit: '101' }, '/limit'],
  ])('refuses %s with a 400 naming the parameter', async (_, query, path) => {
    const res = await owner('GET', `/accounts/${accountId}/notifications`, undefined, {}, query);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path })] });
  });
});
