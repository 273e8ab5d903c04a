import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import { CachedRiskPolicySource, DEFAULT_RISK_POLICY, InvalidRiskPolicyError, PolicyVersionConflictError, replaceRiskPolicy, type RiskPolicy } from '../../../src/index';
import { DynamoRiskPolicyStore, RISK_POLICY_KEY } from '../../../src/adapters/index';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb);
const AT = new Date('2025-03-01T12:00:00.000Z');
const shadow: RiskPolicy = { ...DEFAULT_RISK_POLICY, mode: 'shadow', reviewAmount: 250_050 };

let tableName: string;
let store: DynamoRiskPolicyStore;

beforeEach(async () => {
  tableName = await createTableLike(dynamodb, buildTopology().accountsTable, uniqueName('accounts'));
  store = new DynamoRiskPolicyStore({ client: documents, tableName });
});

afterAll(() => dynamodb.destroy());

describe('DynamoRiskPolicyStore', () => {
  it('has no policy in a fresh table', async () => {
    await expect(store.get()).resolves.toBeUndefined();
  });

  it('stores the first policy as version 1 and reads it back in minor units', async () => {
    await store.put(shadow, { expectedVersion: 0, updatedBy: 'op-1', at: AT });
    await expect(store.get()).resolves.toEqual({ policy: shadow, version: 1, updatedAt: AT.toISOString(), updatedBy: 'op-1' });
  });

  it('writes the documented item layout', async () => {
    await store.put(shadow, { expectedVersion: 0, updatedBy: 'op-1', at: AT });
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: RISK_POLICY_KEY }));
    expect(Item).toEqual({ AccountID: 'RISK#POLICY', TransactionID: 'CURRENT', recordType: 'RISK_POLICY', policy: shadow, version: 1, updatedAt: AT.toISOString(), updatedBy: 'op-1' });
  });

  it('keeps one write-once history item per version', async () => {
    await store.put(shadow, { expectedVersion: 0, updatedBy: 'op-1', at: AT });
    await store.put(DEFAULT_RISK_POLICY, { expectedVersion: 1, updatedBy: 'op-2', at: AT });
    const { Items } = await documents.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'AccountID = :p AND begins_with(TransactionID, :v)',
        ExpressionAttributeValues: { ':p': 'RISK#POLICY', ':v': 'VERSION#' },
      }),
    );
    expect(Items?.map((item) => [item.TransactionID, item.recordType, item.version, item.updatedBy])).toEqual([
      ['VERSION#0000000001', 'RISK_POLICY_VERSION', 1, 'op-1'],
      ['VERSION#0000000002', 'RISK_POLICY_VERSION', 2, 'op-2'],
    ]);
  });

  it('refuses a put based on a stale version and keeps the stored policy', async () => {
    await store.put(shadow, { expectedVersion: 0, updatedBy: 'op-1', at: AT });
    await expect(store.put(DEFAULT_RISK_POLICY, { expectedVersion: 0, updatedBy: 'op-2', at: AT })).rejects.toThrow(PolicyVersionConflictError);
    await expect(store.get()).resolves.toMatchObject({ version: 1, policy: shadow });
  });

  it('lets exactly one of two concurrent puts of the same version win', async () => {
    const results = await Promise.allSettled([
      store.put(shadow, { expectedVersion: 0, updatedBy: 'op-1', at: AT }),
      store.put(DEFAULT_RISK_POLICY, { expectedVersion: 0, updatedBy: 'op-2', at: AT }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof PolicyVersionConflictError)).toHaveLength(1);
  });

  it('replaces the policy whatever its version (PUT /risk/policy)', async () => {
    await replaceRiskPolicy(store, shadow, { updatedBy: 'op-1', at: AT });
    await expect(replaceRiskPolicy(store, DEFAULT_RISK_POLICY, { updatedBy: 'op-2', at: AT })).resolves.toMatchObject({ version: 2 });
  });

  it('refuses a corrupted stored policy instead of enforcing it', async () => {
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...RISK_POLICY_KEY, recordType: 'RISK_POLICY', policy: { mode: 'enforce' }, version: 1, updatedAt: AT.toISOString(), updatedBy: 'op-1' } }));
    await expect(store.get()).rejects.toThrow(InvalidRiskPolicyError);
  });

  it('feeds the cached reader, which sees a change only after maxAge', async () => {
    let clock = 0;
    const source = new CachedRiskPolicySource(store, { maxAgeMs: 30_000, now: () => clock });
    await expect(source.current()).resolves.toMatchObject({ version: 0, policy: DEFAULT_RISK_POLICY });
    await store.put(shadow, { expectedVersion: 0, updatedBy: 'op-1', at: AT });
    await expect(source.current()).resolves.toMatchObject({ version: 0 });
    clock = 30_000;
    await expect(source.current()).resolves.toMatchObject({ version: 1, policy: shadow });
  });
});
