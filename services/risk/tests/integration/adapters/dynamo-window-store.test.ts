import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import { DynamoWindowStore } from '../../../src/adapters/dynamo-window-store';
import { entryFromEvent } from '../../../src/domain/window-entry';
import { at, deposit, MINUTE, T0, transferOut, withdrawal } from '../../support/events';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
const tableName = uniqueName('risk-windows');
const store = new DynamoWindowStore({ client: documents, tableName });
const EXPIRES = T0 + 48 * 60 * MINUTE;

beforeAll(() => createTableLike(dynamodb, buildTopology().riskTable, tableName));
afterAll(() => dynamodb.destroy());

describe('DynamoWindowStore', () => {
  it('reads back the entries of a time range, ends included, in time order', async () => {
    const entries = [deposit('acct-range', 100, at(0)), withdrawal('acct-range', 50, at(10)), transferOut('acct-range', 'b', 25, at(20))].map(entryFromEvent);
    for (const entry of [...entries].reverse()) await store.record(entry, EXPIRES);
    expect(await store.between('acct-range', T0, T0 + 20 * MINUTE)).toEqual(entries);
    expect(await store.between('acct-range', T0 + 1, T0 + 20 * MINUTE - 1)).toEqual([entries[1]]);
  });

  it('stores an event once however often it is recorded', async () => {
    const entry = entryFromEvent(deposit('acct-once', 100, at(0)));
    await store.record(entry, EXPIRES);
    await store.record(entry, EXPIRES);
    expect(await store.between('acct-once', T0 - MINUTE, T0 + MINUTE)).toEqual([entry]);
  });

  it("never returns another account's entries", async () => {
    await store.record(entryFromEvent(deposit('acct-x', 100, at(0))), EXPIRES);
    expect(await store.between('acct-y', T0 - MINUTE, T0 + MINUTE)).toEqual([]);
  });

  it('writes the documented layout with a TTL in epoch seconds and no PII', async () => {
    const entry = entryFromEvent(transferOut('acct-layout', 'acct-dest', 1_050, at(0), 'evt-layout'));
    await store.record(entry, EXPIRES + 1);
    const { Items } = await documents.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'AccountID = :a', ExpressionAttributeValues: { ':a': 'acct-layout' } }));
    expect(Items).toEqual([
      {
        AccountID: 'acct-layout',
        EntryID: `${at(0)}#evt-layout`,
        eventId: 'evt-layout',
        eventType: 'TransferSent',
        direction: 'out',
        amount: 1_050,
        at: T0,
        counterpartyAccountId: 'acct-dest',
        expiresAt: Math.ceil((EXPIRES + 1) / 1000),
      },
    ]);
  });

  it('reads every page of a busy window, up to its bound', async () => {
    const busy = new DynamoWindowStore({ client: documents, tableName, maxEntries: 30 });
    const entries = Array.from({ length: 40 }, (_, i) => entryFromEvent(transferOut('acct-busy', `d-${i}`, 1, at(i / 10))));
    await Promise.all(entries.map((entry) => store.record(entry, EXPIRES)));
    expect(await store.between('acct-busy', T0, T0 + 10 * MINUTE)).toHaveLength(40);
    expect(await busy.between('acct-busy', T0, T0 + 10 * MINUTE)).toHaveLength(30);
  });
});
