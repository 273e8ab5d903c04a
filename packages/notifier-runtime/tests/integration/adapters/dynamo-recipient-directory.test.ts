import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import { DynamoRecipientDirectory } from '../../../src/adapters/dynamo-recipient-directory';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb);
const tableName = uniqueName('accounts');
const email = { kind: 'identity', attribute: 'email' } as const;
const phone = { kind: 'identity', attribute: 'phone' } as const;
const devices = { kind: 'registry', registry: 'devices' } as const;

const put = (Item: Record<string, unknown>) => documents.send(new PutCommand({ TableName: tableName, Item }));
const account = (accountId: string, ownerId: string) => ({
  AccountID: accountId,
  TransactionID: 'ACCOUNT',
  recordType: 'ACCOUNT',
  accountId,
  ownerId,
  notifications: { email: true, sms: false, devices: true },
});
const profile = (ownerId: string, address: string, phoneVerified = false) => ({
  AccountID: `CUSTOMER#${ownerId}`,
  TransactionID: 'PROFILE',
  recordType: 'CUSTOMER',
  customerId: ownerId,
  contacts: { email: { value: address, verified: true }, phone: { value: '+15550100001', verified: phoneVerified } },
});
const entry = (ownerId: string, entryId: string, address: string) => ({
  AccountID: `CUSTOMER#${ownerId}`,
  TransactionID: `REGISTRY#devices#${entryId}`,
  recordType: 'REGISTRY_ENTRY',
  registry: 'devices',
  entryId,
  address,
  attributes: { p256dh: `p-${entryId}`, auth: `a-${entryId}` },
  createdAt: '2024-05-01T00:00:00.000Z',
});

beforeAll(async () => {
  await createTableLike(dynamodb, buildTopology().accountsTable, tableName);
  await put(account('acc-1', 'ada'));
  await put(profile('ada', 'ada@example.test'));
  // A transaction item of the same account must not be mistaken for the account item.
  await put({ AccountID: 'acc-1', TransactionID: 'TX#01', recordType: 'TRANSACTION' });
  await put(entry('ada', 'd1', 'https://push.example.test/1'));
  await put(entry('ada', 'd2', 'https://push.example.test/2'));
  // Another registry of the same owner is not this one.
  await put({ ...entry('ada', 'x', 'https://elsewhere.test/x'), TransactionID: 'REGISTRY#other#x', registry: 'other' });
});

afterAll(() => dynamodb.destroy());

describe('DynamoRecipientDirectory', () => {
  it('reads the owner and choices from the account item and the verified contact from the profile', async () => {
    const directory = new DynamoRecipientDirectory({ client: documents, tableName });
    expect(await directory.find('acc-1', email)).toEqual({
      accountId: 'acc-1',
      ownerId: 'ada',
      notifications: { email: true, sms: false, devices: true },
      addresses: [{ id: 'email', value: 'ada@example.test' }],
      excluded: [],
    });
  });

  it('leaves out an unverified contact, saying why', async () => {
    const directory = new DynamoRecipientDirectory({ client: documents, tableName });
    expect(await directory.find('acc-1', phone)).toMatchObject({ addresses: [], excluded: [{ id: 'phone', reason: 'unverified-contact' }] });
  });

  it('gives every entry of the registry, with its attributes', async () => {
    const directory = new DynamoRecipientDirectory({ client: documents, tableName });
    expect((await directory.find('acc-1', devices))?.addresses).toEqual([
      { id: 'd1', value: 'https://push.example.test/1', attributes: { p256dh: 'p-d1', auth: 'a-d1' } },
      { id: 'd2', value: 'https://push.example.test/2', attributes: { p256dh: 'p-d2', auth: 'a-d2' } },
    ]);
  });

  it('returns undefined for an unknown account', async () => {
    const directory = new DynamoRecipientDirectory({ client: documents, tableName });
    expect(await directory.find('nobody', email)).toBeUndefined();
  });

  it('reads a whole batch of accounts and profiles ahead and answers from memory', async () => {
    await put(account('acc-2', 'bob'));
    await put(profile('bob', 'bob@example.test'));
    const directory = new DynamoRecipientDirectory({ client: documents, tableName });
    await directory.prefetch(['acc-1', 'acc-2', 'acc-2', 'nobody'], email);
    let calls = 0;
    const counting = new DynamoRecipientDirectory({ client: documents, tableName });
    const send = documents.send.bind(documents);
    Object.assign(documents, { send: (...args: Parameters<typeof send>) => ((calls += 1), send(...args)) });
    try {
      await counting.prefetch(['acc-1', 'acc-2'], email);
      expect(calls).toBe(2);
      await counting.find('acc-1', email);
      await counting.find('acc-2', email);
      expect(calls).toBe(2);
    } finally {
      Object.assign(documents, { send });
    }
    expect((await directory.find('acc-2', email))?.addresses).toEqual([{ id: 'email', value: 'bob@example.test' }]);
  });

  it('reuses what it read until the cache entry expires', async () => {
    let clock = 0;
    const directory = new DynamoRecipientDirectory({ client: documents, tableName, cacheTtlMs: 1000, now: () => clock });
    await directory.find('acc-1', email);
    await put(profile('ada', 'new@example.test'));
    expect((await directory.find('acc-1', email))?.addresses[0]?.value).toBe('ada@example.test');
    clock = 1001;
    expect((await directory.find('acc-1', email))?.addresses[0]?.value).toBe('new@example.test');
    await put(profile('ada', 'ada@example.test'));
  });

  it('forgets a registry entry only while it still has the address that failed', async () => {
    await put(entry('ada', 'd3', 'https://push.example.test/3'));
    const directory = new DynamoRecipientDirectory({ client: documents, tableName });
    const key = { AccountID: 'CUSTOMER#ada', TransactionID: 'REGISTRY#devices#d3' };

    expect(await directory.forget('ada', devices, 'd3', 'https://push.example.test/old')).toBe(false);
    expect((await documents.send(new GetCommand({ TableName: tableName, Key: key }))).Item).toBeDefined();
    expect(await directory.forget('ada', devices, 'd3', 'https://push.example.test/3')).toBe(true);
    expect((await documents.send(new GetCommand({ TableName: tableName, Key: key }))).Item).toBeUndefined();
    expect(await directory.forget('ada', devices, 'd3', 'https://push.example.test/3')).toBe(false);
  });
});
