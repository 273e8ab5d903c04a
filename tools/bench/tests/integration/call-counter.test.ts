import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, uniqueName } from '@bank/testing';
import { countDynamoCalls, splitReadsWrites } from '../../src/call-counter';

const table = uniqueName('bench-calls');
let client: DynamoDBClient;

beforeAll(async () => {
  client = new DynamoDBClient(awsTestConfig());
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
});

afterAll(() => client.destroy());

describe('countDynamoCalls', () => {
  it('counts each command by name, including those sent through a document client', async () => {
    const counter = countDynamoCalls(client);
    const doc = DynamoDBDocumentClient.from(client);
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'a' } } }));
    await doc.send(new GetCommand({ TableName: table, Key: { pk: 'a' } }));
    await doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: table, Item: { pk: 'b' } } }] }));

    const counts = counter.snapshot();
    expect(counts).toEqual({ PutItemCommand: 1, GetItemCommand: 1, TransactWriteItemsCommand: 1 });
    expect(splitReadsWrites(counts)).toEqual({ reads: 1, writes: 2 });
    counter.detach();
  });

  it('starts from zero after reset and stops counting once detached', async () => {
    const counter = countDynamoCalls(client);
    await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' } } }));
    counter.reset();
    expect(counter.snapshot()).toEqual({});
    counter.detach();
    await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' } } }));
    expect(counter.snapshot()).toEqual({});
  });
});
