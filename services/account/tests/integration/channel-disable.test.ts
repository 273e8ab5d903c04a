import { GetCommand, QueryCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAccountService } from '../../src/index';
import { StaticIdentityProvider, staticPolicy } from '../../src/testing/index';
import { createAccountsTable, dynamoClient, TEST_PUSH } from './harness';

const dynamo = dynamoClient();
const doc = DynamoDBDocumentClient.from(dynamo);
let table: string;

beforeAll(async () => {
  table = await createAccountsTable(dynamo);
});

function service() {
  const identity = new StaticIdentityProvider().add('sub-bea', {
    customerId: 'sub-bea',
    contacts: { email: { value: 'bea@example.com', verified: true }, phone: { value: '+15555550111', verified: true } },
  });
  return createAccountService(
    { dynamo, identity, policies: staticPolicy() },
    { tableName: table, deliveriesTableName: 'unused', limits: { maxTransaction: 1e9, dailyWithdrawal: 1e9, maxBalance: 1e15 }, userPoolId: 'p', userPoolClientIds: [], push: TEST_PUSH, riskPolicyMaxAgeMs: 0 },
  );
}

const principal = { customerId: 'sub-bea', username: 'sub-bea', operator: false };

describe('disableChannel against the emulator', () => {
  it('turns the channel off on each of the customer\'s accounts in one transaction, exactly once under concurrent reports', async () => {
    const accounts = service();
    const a = await accounts.openAccount({}, { principal, correlationId: 'c' });
    const b = await accounts.openAccount({}, { principal, correlationId: 'c' });
    const reason = { code: 'unreachable' as const, provider: 'twilio', deliveryId: 'evt-9#sms', accountId: a.accountId };
    const results = await Promise.all(Array.from({ length: 5 }, () => service().disableChannel('sub-bea', 'sms', reason)));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    for (const id of [a.accountId, b.accountId]) {
      const { Item } = await doc.send(new GetCommand({ TableName: table, Key: { AccountID: id, TransactionID: 'ACCOUNT' } }));
      expect(Item?.notifications).toMatchObject({ sms: false, email: true });
    }
    const records = await doc.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'AccountID = :a AND begins_with(TransactionID, :p)', ExpressionAttributeValues: { ':a': a.accountId, ':p': 'CHANNEL#' } }),
    );
    expect(records.Items).toEqual([expect.objectContaining({ recordType: 'CHANNEL_DISABLED', channel: 'sms', code: 'unreachable', notify: ['email'] })]);
  });
});
