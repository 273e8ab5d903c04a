import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import { DynamoRecipientDirectory } from '../../../src/adapters/dynamo-recipient-directory';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb);
const tableName = uniqueName('accounts');

const account = (email: string) => ({
  AccountID: 'acc-1',
  TransactionID: 'ACCOUNT',
  recordType: 'ACCOUNT',
  owner: { name: 'Ada', email, phone: '+15550100001' },
  notifications: { email: true, sms: false, whatsapp: true, push: false },
});

beforeAll(async () => {
  await createTableLike(dynamodb, buildTopology().accountsTable, tableName);
  await documents.send(new PutCommand({ TableName: tableName, Item: account('ada@example.test') }));
  // A transaction item of the same account must not be mistaken for the profile.
  await documents.send(new PutCommand({ TableName: tableName, Item: { AccountID: 'acc-1', TransactionID: 'TX#01', recordType: 'TRANSACTION' } }));
});

afterAll(() => dynamodb.destroy());

describe('DynamoRecipientDirectory', () => {
  it('reads contact and opt-ins from the account item', async () => {
    const directory = new DynamoRecipientDirectory({ client: documents, tableName });
    expect(await directory.find('acc-1')).toEqual({
      accountId: 'acc-1',
      email: 'ada@example.test',
      phone: '+15550100001',
      notifications: { email: true, sms: false, whatsapp: true, push: false },
    });
  });

  it('returns undefined for an unknown account', async () => {
    const directory = new DynamoRecipientDirectory({ client: documents, tableName });
    expect(await directory.find('nobody')).toBeUndefined();
  });

  it('reuses a profile until the cache entry expires', async () => {
    let clock = 0;
    const directory = new DynamoRecipientDirectory({ client: documents, tableName, cacheTtlMs: 1000, now: () => clock });
    await directory.find('acc-1');
    await documents.send(new PutCommand({ TableName: tableName, Item: account('new@example.test') }));
    expect((await directory.find('acc-1'))?.email).toBe('ada@example.test');
    clock = 1001;
    expect((await directory.find('acc-1'))?.email).toBe('new@example.test');
    await documents.send(new PutCommand({ TableName: tableName, Item: account('ada@example.test') }));
  });
});
