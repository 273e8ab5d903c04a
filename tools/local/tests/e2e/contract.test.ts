import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { eventSchemaVersion, validateEvent } from '@bank/schemas';
import type { LocalStack } from '../../src/stack';
import { openCustomerAccount, post, startTestStack } from './helpers';

let stack: LocalStack;
let sqs: SQSClient;
let tapUrl: string;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  stack = await startTestStack();
  const config = { endpoint: stack.endpoint, region: 'us-east-1' };
  sqs = new SQSClient(config);
  documents = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  // A consumer the account service does not know about: every event, raw, with its attributes.
  tapUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'contract-tap' }))).QueueUrl ?? '';
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: tapUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
  await new SNSClient(config).send(
    new SubscribeCommand({ TopicArn: stack.resources.topicArn, Protocol: 'sqs', Endpoint: arn, Attributes: { RawMessageDelivery: 'true' } }),
  );
});

afterAll(async () => {
  await stack?.stop();
});

async function drain(queueUrl: string, expected: number, timeoutMs = 15_000): Promise<Message[]> {
  const seen: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (seen.length < expected && Date.now() < deadline) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
    );
    seen.push(...(out.Messages ?? []));
  }
  return seen;
}

describe('the events the relay publishes', () => {
  it('all validate against their schemas and carry type and version attributes', async () => {
    const from = (await openCustomerAccount(stack, { email: true }, { initialDeposit: 100 })).accountId;
    const to = (await openCustomerAccount(stack, {})).accountId;
    await post(stack, '/deposit', { accountId: from, amount: 50 });
    await post(stack, '/withdraw', { accountId: from, amount: 20 });
    await post(stack, '/transfer', { fromAccountId: from, toAccountId: to, amount: 30 });
    // AccountOpened ×2, MoneyDeposited ×2 (opening deposit + deposit), MoneyWithdrawn, TransferSent, TransferReceived
    const messages = await drain(tapUrl, 7);
    const events = messages.map((m) => {
      const result = validateEvent(JSON.parse(m.Body ?? ''));
      expect(result).toMatchObject({ ok: true });
      const type = m.MessageAttributes?.type?.StringValue;
      expect(m.MessageAttributes?.version?.StringValue).toBe(result.ok ? String(eventSchemaVersion(result.value.type)) : '?');
      return result.ok ? [type, result.value.type] : [];
    });
    expect(events.every(([attr, type]) => attr === type)).toBe(true);
    // Opt-ins travel as attributes for the channel subscriptions' filter policies: `from` has
    // only email on, `to` has every channel off.
    const optIns = (accountId: string) =>
      messages
        .filter((m) => (JSON.parse(m.Body ?? '{}') as { subject?: string; type?: string }).subject === accountId)
        .filter((m) => (JSON.parse(m.Body ?? '{}') as { type?: string }).type !== 'AccountOpened')
        .map((m) => Object.keys(m.MessageAttributes ?? {}).filter((k) => k.startsWith('notify-')).sort());
    expect(optIns(from)).toEqual([['notify-email'], ['notify-email'], ['notify-email'], ['notify-email']]);
    expect(optIns(to)).toEqual([[]]);
    expect(events.map(([, type]) => type).sort()).toEqual(
      ['AccountOpened', 'AccountOpened', 'MoneyDeposited', 'MoneyDeposited', 'MoneyWithdrawn', 'TransferReceived', 'TransferSent'].sort(),
    );
    const bodies = messages.map((m) => m.Body ?? '').join('\n');
    expect(bodies).not.toMatch(/@example\.com|\+1555|Test Customer/);
  });

  it('routes every money event through EventBridge to the risk queue, where the risk detector reads it', async () => {
    const { accountId } = await openCustomerAccount(stack, {}, { initialDeposit: 100 });
    const other = (await openCustomerAccount(stack, {})).accountId;
    const deposit = await post(stack, '/deposit', { accountId, amount: 10 });
    const withdrawal = await post(stack, '/withdraw', { accountId, amount: 5 });
    await post(stack, '/transfer', { fromAccountId: accountId, toAccountId: other, amount: 1 });

    // The rule takes the account service's money events and nothing else.
    const rule = stack.topology.rules.find((r) => r.name === stack.topology.riskDetector.rule);
    const described = await new EventBridgeClient({ endpoint: stack.endpoint, region: 'us-east-1' }).send(
      new DescribeRuleCommand({ Name: rule?.name, EventBusName: stack.resources.busName }),
    );
    expect(JSON.parse(described.EventPattern ?? '{}')).toEqual({ source: ['bank.account'], 'detail-type': ['MoneyDeposited', 'MoneyWithdrawn', 'TransferSent', 'TransferReceived'] });
    // Each event the detector took off the risk queue is one window entry of its account.
    const received = async (id: string) => {
      const out = await documents.send(new QueryCommand({ TableName: stack.resources.riskTable, KeyConditionExpression: 'AccountID = :a', ExpressionAttributeValues: { ':a': id } }));
      return (out.Items ?? []).map((item) => ({ type: String(item.eventType), eventId: String(item.eventId) }));
    };
    const deadline = Date.now() + 15_000;
    // The two accounts' events may reach the detector in different batches: wait for both.
    while (((await received(accountId)).length < 4 || (await received(other)).length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const entries = await received(accountId);
    expect(entries.map((e) => e.type).sort()).toEqual(['MoneyDeposited', 'MoneyDeposited', 'MoneyWithdrawn', 'TransferSent']);
    expect(entries.map((e) => e.eventId)).toEqual(expect.arrayContaining([deposit.json.transactionId, withdrawal.json.transactionId]));
    expect((await received(other)).map((e) => e.type)).toEqual(['TransferReceived']);
  });
});
