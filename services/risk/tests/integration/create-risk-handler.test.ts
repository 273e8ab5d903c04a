/**
 * The handler through the real SDK against the emulator: money events put on an EventBridge bus,
 * routed by a rule to the risk queue, received as Lambda records; windows in a RiskWindows table,
 * the policy and the cases in an accounts table; invalid messages in the DLQ.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CreateEventBusCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { silentLogger } from '@bank/notifier-runtime';
import { DEFAULT_RISK_POLICY, type RiskPolicy } from '@bank/risk-policy';
import { DynamoRiskPolicyStore } from '@bank/risk-policy/dynamodb';
import { MONEY_EVENT_TYPES, type MoneyEvent } from '@bank/schemas';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';
import type { SQSRecord } from 'aws-lambda';
import { DynamoCaseStore } from '../../src/adapters/dynamo-case-store';
import { createRiskHandler } from '../../src/create-risk-handler';
import { InMemoryAccountFreezer } from '../../src/testing/index';
import { at, deposit, T0, transferOut, withdrawal } from '../support/events';

const config = awsTestConfig();
const dynamodb = new DynamoDBClient(config);
const documents = DynamoDBDocumentClient.from(dynamodb);
const sqs = new SQSClient(config);
const eventbridge = new EventBridgeClient(config);

afterAll(() => {
  dynamodb.destroy();
  sqs.destroy();
  eventbridge.destroy();
});

async function createQueue(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl: url = '' } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '300' } }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return { url, arn: Attributes?.QueueArn ?? '' };
}

async function receiveAll(url: string, expected: number): Promise<Message[]> {
  const messages: Message[] = [];
  for (let attempt = 0; attempt < 20 && messages.length < expected; attempt += 1) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'], AttributeNames: ['All'] }));
    messages.push(...Messages);
  }
  return messages;
}

async function harness(policy?: RiskPolicy) {
  const accountsTable = await createTableLike(dynamodb, buildTopology().accountsTable, uniqueName('accounts'));
  const riskTable = await createTableLike(dynamodb, buildTopology().riskTable, uniqueName('risk-windows'));
  const queueName = uniqueName('risk-events');
  const queue = await createQueue(queueName);
  const dlq = await createQueue(`${queueName}-dlq`);
  const busName = uniqueName('bank-events');
  await eventbridge.send(new CreateEventBusCommand({ Name: busName }));
  await eventbridge.send(new PutRuleCommand({ Name: 'risk-detection', EventBusName: busName, EventPattern: JSON.stringify({ source: ['bank.account'], 'detail-type': [...MONEY_EVENT_TYPES] }) }));
  await eventbridge.send(new PutTargetsCommand({ Rule: 'risk-detection', EventBusName: busName, Targets: [{ Id: 'risk-queue', Arn: queue.arn }] }));
  if (policy) await new DynamoRiskPolicyStore({ client: documents, tableName: accountsTable }).put(policy, { expectedVersion: 0, updatedBy: 'op-1', at: new Date(T0) });

  const freezer = new InMemoryAccountFreezer({ 'acct-1': 'OPEN' });
  const handler = createRiskHandler({
    freezer,
    clients: { dynamodb, sqs },
    deadLetterQueues: { [queueName]: `${queueName}-dlq` },
    env: { ACCOUNTS_TABLE: accountsTable, RISK_TABLE: riskTable, RISK_POLICY_MAX_AGE_SECONDS: '0' },
    logger: silentLogger,
    metrics: false,
    now: () => new Date(T0 + 60 * 60_000),
  });

  const toRecord = (message: Message): SQSRecord => ({
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: { ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: 'us-east-1',
  });

  return {
    accountsTable,
    freezer,
    queue,
    dlq,
    cases: new DynamoCaseStore({ client: documents, tableName: accountsTable }),
    /** Puts the events on the bus as the relay does and hands what the rule delivered to the handler, in one batch. */
    async publishAndHandle(events: readonly MoneyEvent[]) {
      for (const event of events) {
        await eventbridge.send(new PutEventsCommand({ Entries: [{ EventBusName: busName, Source: 'bank.account', DetailType: event.type, Detail: JSON.stringify(event) }] }));
      }
      const messages = await receiveAll(queue.url, events.length);
      expect(messages).toHaveLength(events.length);
      return handler({ Records: messages.map(toRecord) });
    },
    async sendRaw(body: string) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));
      const messages = await receiveAll(queue.url, 1);
      return handler({ Records: messages.map(toRecord) });
    },
  };
}

describe('risk handler (EventBridge → SQS → Lambda, against the emulator)', () => {
  it('opens a pass-through case from events the rule delivered, and lists it', async () => {
    const h = await harness();
    const response = await h.publishAndHandle([deposit('acct-1', 300_000, at(0)), withdrawal('acct-1', 280_000, at(4))]);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await h.cases.list({ accountId: 'acct-1' })).toEqual({ items: [expect.objectContaining({ accountId: 'acct-1', pattern: 'pass-through', status: 'OPEN' })] });
    expect(h.freezer.calls).toEqual([]);
  });

  it('opens one fan-out case from shuffled and repeated deliveries', async () => {
    const h = await harness();
    const transfers = Array.from({ length: 5 }, (_, i) => transferOut('acct-1', `dest-${i}`, 5_000, at(i * 5)));
    await h.publishAndHandle([transfers[3], transfers[0], transfers[4]].flatMap((e) => (e ? [e] : [])));
    await h.publishAndHandle([...transfers].reverse());
    const { items } = await h.cases.list({ accountId: 'acct-1' });
    expect(items.map((item) => item.pattern)).toEqual(['fan-out']);
  });

  it('opens no case for ordinary use', async () => {
    const h = await harness();
    await h.publishAndHandle([deposit('acct-1', 250_000, at(0)), withdrawal('acct-1', 10_000, at(5)), transferOut('acct-1', 'landlord', 120_000, at(15))]);
    expect(await h.cases.list({ accountId: 'acct-1' })).toEqual({ items: [] });
  });

  it('freezes the account when the stored policy says freeze, once', async () => {
    const h = await harness({ ...DEFAULT_RISK_POLICY, patterns: { ...DEFAULT_RISK_POLICY.patterns, action: 'freeze' } });
    const events = [deposit('acct-1', 300_000, at(0)), transferOut('acct-1', 'mule', 290_000, at(2))];
    await h.publishAndHandle(events);
    await h.publishAndHandle(events);
    expect(h.freezer.calls).toEqual([expect.objectContaining({ accountId: 'acct-1', actor: 'risk-service' })]);
    const [listed] = (await h.cases.list({ accountId: 'acct-1' })).items;
    expect(await h.cases.get('acct-1', listed?.caseId ?? '')).toMatchObject({ mode: 'enforce', action: 'freeze', actionResult: 'frozen' });
  });

  it('records would-be cases in shadow mode without freezing', async () => {
    const h = await harness({ ...DEFAULT_RISK_POLICY, mode: 'shadow', patterns: { ...DEFAULT_RISK_POLICY.patterns, action: 'freeze' } });
    await h.publishAndHandle([deposit('acct-1', 300_000, at(0)), withdrawal('acct-1', 300_000, at(1))]);
    const [listed] = (await h.cases.list({ accountId: 'acct-1' })).items;
    expect(await h.cases.get('acct-1', listed?.caseId ?? '')).toMatchObject({ mode: 'shadow', action: 'freeze' });
    expect(h.freezer.calls).toEqual([]);
  });

  it('moves an invalid message to the DLQ with failure attributes and removes it from the queue', async () => {
    const h = await harness();
    const response = await h.sendRaw(JSON.stringify({ 'detail-type': 'MoneyDeposited', detail: { type: 'MoneyDeposited', id: 'x' } }));
    expect(response).toEqual({ batchItemFailures: [] });
    const [parked] = await receiveAll(h.dlq.url, 1);
    expect(parked?.MessageAttributes?.['failure-code']?.StringValue).toBe('INVALID_EVENT');
    expect(parked?.MessageAttributes?.['failure-class']?.StringValue).toBe('InvalidMessageError');
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: h.queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });
});

describe('case items in the accounts table', () => {
  it('carry no PII and keep the evidence in minor units', async () => {
    const h = await harness();
    await h.publishAndHandle([deposit('acct-1', 300_050, at(0)), withdrawal('acct-1', 300_050, at(1))]);
    const { Items = [] } = await documents.send(
      new QueryCommand({ TableName: h.accountsTable, KeyConditionExpression: 'AccountID = :p', ExpressionAttributeValues: { ':p': 'RISK#CASES#acct-1' } }),
    );
    expect(Items).toHaveLength(1);
    expect(JSON.stringify(Items)).not.toMatch(/email|phone|name"/i);
    expect(Items[0]?.evidence).toMatchObject({ trigger: { amount: 300_050 }, totalOut: 300_050 });
  });
});
