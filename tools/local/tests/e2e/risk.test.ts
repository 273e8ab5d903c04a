import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULT_RISK_POLICY, toRiskPolicyDocument, type RiskPolicy } from '@bank/risk-policy';
import type { RiskCaseSummary } from '@bank/risk-service';
import { DynamoCaseStore } from '@bank/risk-service/dynamodb';
import type { LocalStack } from '../../src/stack';
import { callApi, openCustomerAccount, post, startTestStack } from './helpers';

// One stack for the file. The policy is one item for the whole stack: the test that changes it
// puts the defaults back.
let stack: LocalStack;
let documents: DynamoDBDocumentClient;
let sqs: SQSClient;

beforeAll(async () => {
  stack = await startTestStack();
  const config = { endpoint: stack.endpoint, region: stack.region };
  documents = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  sqs = new SQSClient(config);
});

afterAll(async () => {
  await stack?.stop();
  documents?.destroy();
  sqs?.destroy();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The account's cases, as an operator reads them (`GET /risk/cases`). */
async function casesOf(accountId: string): Promise<RiskCaseSummary[]> {
  const res = await callApi(stack, 'GET', `/risk/cases?accountId=${encodeURIComponent(accountId)}`);
  expect(res.status).toBe(200);
  return res.json.items as RiskCaseSummary[];
}

/** Event types of the account's window entries: what the risk detector has received so far. */
async function receivedTypes(accountId: string): Promise<string[]> {
  const out = await documents.send(new QueryCommand({ TableName: stack.resources.riskTable, KeyConditionExpression: 'AccountID = :a', ExpressionAttributeValues: { ':a': accountId } }));
  return (out.Items ?? []).map((item) => String(item.eventType)).sort();
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(200);
  }
}

/** Waits until the detector has taken every message off its queue (none waiting, none in flight). */
async function riskQueueSettled(): Promise<void> {
  const url = stack.resources.ruleQueues[stack.topology.riskDetector.rule]?.url ?? '';
  await until(
    async () => {
      const { Attributes: a } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      return Number(a?.ApproximateNumberOfMessages ?? 0) + Number(a?.ApproximateNumberOfMessagesNotVisible ?? 0);
    },
    (inQueue) => inQueue === 0,
  );
}

async function setPolicy(policy: RiskPolicy): Promise<void> {
  const res = await callApi(stack, 'PUT', '/risk/policy', toRiskPolicyDocument(policy));
  expect(res.status).toBe(200);
}

async function ok(path: string, body: unknown): Promise<void> {
  const res = await post(stack, path, body);
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
}

/** Money in ($1000, the default minDeposit) and 95 % of it straight out: a mule account. */
async function passThrough(accountId: string): Promise<void> {
  await ok('/deposit', { accountId, amount: 1000 });
  await ok('/withdraw', { accountId, amount: 950 });
}

describe('asynchronous risk detection on the local stack', () => {
  it('opens exactly one case for a pass-through', async () => {
    const { accountId } = await openCustomerAccount(stack, {});
    await passThrough(accountId);

    const cases = await until(() => casesOf(accountId), (found) => found.length > 0);
    expect(cases).toEqual([expect.objectContaining({ accountId, pattern: 'pass-through', status: 'OPEN' })]);
    await riskQueueSettled();
    expect(await casesOf(accountId)).toHaveLength(1);
  });

  it('opens a case for a fan-out to five accounts', async () => {
    const source = await openCustomerAccount(stack, {}, { initialDeposit: 100 });
    const targets = await Promise.all(Array.from({ length: 5 }, () => openCustomerAccount(stack, {})));
    for (const target of targets) await ok('/transfer', { fromAccountId: source.accountId, toAccountId: target.accountId, amount: 1 });

    const cases = await until(() => casesOf(source.accountId), (found) => found.length > 0);
    expect(cases).toEqual([expect.objectContaining({ accountId: source.accountId, pattern: 'fan-out', status: 'OPEN' })]);
    for (const target of targets) expect(await casesOf(target.accountId)).toEqual([]);
  });

  it('opens no case for ordinary use', async () => {
    const { accountId } = await openCustomerAccount(stack, {}, { initialDeposit: 500 });
    const other = await openCustomerAccount(stack, {});
    await ok('/deposit', { accountId, amount: 1200 });
    await ok('/withdraw', { accountId, amount: 60 });
    await ok('/transfer', { fromAccountId: accountId, toAccountId: other.accountId, amount: 25 });
    await ok('/withdraw', { accountId, amount: 40 });

    // Every movement reached the detector, and it finished with them.
    const expected = ['MoneyDeposited', 'MoneyDeposited', 'MoneyWithdrawn', 'MoneyWithdrawn', 'TransferSent'];
    expect(await until(() => receivedTypes(accountId), (types) => types.length >= expected.length)).toEqual(expected);
    await riskQueueSettled();
    expect(await casesOf(accountId)).toEqual([]);
    expect(await casesOf(other.accountId)).toEqual([]);
  });

  it('freezes the account of a pass-through when the policy action is freeze, and records it on the case', async () => {
    await setPolicy({ ...DEFAULT_RISK_POLICY, patterns: { ...DEFAULT_RISK_POLICY.patterns, action: 'freeze' } });
    try {
      const { accountId } = await openCustomerAccount(stack, {});
      await passThrough(accountId);

      const account = await until(
        async () => (await callApi(stack, 'GET', `/accounts/${accountId}`)).json,
        (view) => view.status === 'FROZEN',
      );
      expect(account.status).toBe('FROZEN');
      const [summary] = await casesOf(accountId);
      expect(summary).toMatchObject({ pattern: 'pass-through' });
      // The detector records the action after the freeze.
      const cases = new DynamoCaseStore({ client: documents, tableName: stack.resources.accountsTable });
      const riskCase = await until(() => cases.get(accountId, summary?.caseId ?? ''), (found) => found?.actionResult !== undefined);
      expect(riskCase).toMatchObject({ mode: 'enforce', action: 'freeze', actionResult: 'frozen' });
      const refused = await post(stack, '/withdraw', { accountId, amount: 10 });
      expect({ status: refused.status, code: refused.json.code }).toEqual({ status: 422, code: 'ACCOUNT_FROZEN' });
    } finally {
      await setPolicy(DEFAULT_RISK_POLICY);
    }
  });
});
