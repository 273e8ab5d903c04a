import { compileConfigValidator } from '@bank/plugin-sdk/config-compiler';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { PermanentError, RetryableError } from '@bank/plugin-sdk';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology, type Topology } from '@bank/topology';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createNotifierHandler } from '../../src/create-notifier-handler';
import { silentLogger } from '../../src/ports';
import { createFakePlugin, type FakePlugin } from '../../src/testing';
import { ACCOUNT_ID, depositEvent } from '../support/fixtures';

const dynamodb = new DynamoDBClient(awsTestConfig());
const documents = DynamoDBDocumentClient.from(dynamodb);
const sqs = new SQSClient(awsTestConfig());
const accountsTable = uniqueName('accounts');
const deliveriesTable = uniqueName('deliveries');

beforeAll(async () => {
  await createTableLike(dynamodb, buildTopology().accountsTable, accountsTable);
  await createTableLike(dynamodb, buildTopology().deliveriesTable, deliveriesTable);
  await documents.send(
    new PutCommand({
      TableName: accountsTable,
      Item: {
        AccountID: ACCOUNT_ID,
        TransactionID: 'ACCOUNT',
        recordType: 'ACCOUNT',
        accountId: ACCOUNT_ID,
        balance: 500_000,
        currency: 'USD',
        version: 1,
        ownerId: 'ada-sub',
        notifications: { email: true, sms: false, whatsapp: false, push: false },
      },
    }),
  );
  await documents.send(
    new PutCommand({
      TableName: accountsTable,
      Item: {
        AccountID: 'CUSTOMER#ada-sub',
        TransactionID: 'PROFILE',
        recordType: 'CUSTOMER',
        customerId: 'ada-sub',
        contacts: { email: { value: 'ada@example.test', verified: true }, phone: { value: '+15550100001', verified: true } },
      },
    }),
  );
});

afterAll(() => {
  dynamodb.destroy();
  sqs.destroy();
});

interface Harness {
  readonly fake: FakePlugin;
  readonly handler: (event: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  readonly queueUrl: string;
  readonly dlqUrl: string;
  /** Publishes the event like SNS raw delivery does and receives it back as a Lambda record. */
  deliver(event: unknown): Promise<SQSRecord>;
}

async function harness(): Promise<Harness> {
  const queueName = uniqueName('notify-email');
  const dlqName = `${queueName}-dlq`;
  const { QueueUrl: queueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: queueName, Attributes: { VisibilityTimeout: '300' } }));
  const { QueueUrl: dlqUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: dlqName }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = Attributes?.QueueArn ?? '';
  const base = buildTopology();
  const topology: Topology = {
    ...base,
    channels: base.channels.map((c) => (c.name === 'email' ? { ...c, queueName, dlqName } : c)),
  };
  const fake = createFakePlugin({ id: 'fake', channel: 'email' });
  const handler = createNotifierHandler({
    notifier: 'notify-email',
    manifest: { channels: { email: [{ plugin: 'fake-email' }] } },
    bundledPlugins: { 'fake-email': fake.plugin },
    compileConfig: compileConfigValidator,
    clients: { dynamodb, sqs },
    topology,
    env: { ACCOUNTS_TABLE: accountsTable, DELIVERIES_TABLE: deliveriesTable },
    logger: silentLogger,
    metrics: false,
    random: () => 0,
  });
  const toRecord = (message: Message): SQSRecord => ({
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
      SentTimestamp: message.Attributes?.SentTimestamp ?? '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, { dataType: value.DataType ?? 'String', stringValue: value.StringValue }]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  });
  return {
    fake,
    handler,
    queueUrl,
    dlqUrl,
    async deliver(event) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(event),
          MessageAttributes: { type: { DataType: 'String', StringValue: 'MoneyDeposited' }, version: { DataType: 'String', StringValue: '1' } },
        }),
      );
      const received = await receive(queueUrl, 1);
      const message = received[0];
      if (!message) throw new Error('message not received');
      return toRecord(message);
    },
  };
}

async function receive(queueUrl: string, waitSeconds = 0): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitSeconds,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return Messages;
}

async function delivery(eventId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents.send(new GetCommand({ TableName: deliveriesTable, Key: { DeliveryID: `${eventId}#email` }, ConsistentRead: true }));
  return Item;
}

describe('notifier handler against the emulator', () => {
  it('sends to the owner email and records SENT', async () => {
    const h = await harness();
    const event = depositEvent(uniqueName('evt'));
    const response = await h.handler({ Records: [await h.deliver(event)] });
    expect(response.batchItemFailures).toEqual([]);
    expect(h.fake.sent).toEqual([expect.objectContaining({ to: 'ada@example.test', body: 'Your deposit of $1000 was successful. Your new balance is $5000.' })]);
    expect(await delivery(event.id)).toMatchObject({
      DeliveryID: `${event.id}#email`,
      eventId: event.id,
      channel: 'email',
      eventType: 'MoneyDeposited',
      accountId: ACCOUNT_ID,
      status: 'SENT',
      provider: 'fake',
      providerMessageId: 'fake-1',
      attempts: 1,
    });
  });

  it('sends once when the same event is delivered twice', async () => {
    const h = await harness();
    const event = depositEvent(uniqueName('evt'));
    await h.handler({ Records: [await h.deliver(event)] });
    const second = await h.handler({ Records: [await h.deliver(event)] });
    expect(second.batchItemFailures).toEqual([]);
    expect(h.fake.calls).toHaveLength(1);
  });

  it('moves a permanent failure to the DLQ with the failure attributes and deletes it from the queue', async () => {
    const h = await harness();
    h.fake.behave(() => new PermanentError('recipient unsubscribed', { providerCode: 'unsubscribed', status: 400 }));
    const event = depositEvent(uniqueName('evt'));
    const record = await h.deliver(event);
    const response = await h.handler({ Records: [record] });
    expect(response.batchItemFailures).toEqual([]);

    const [dead] = await receive(h.dlqUrl, 1);
    expect(dead?.Body).toBe(record.body);
    const attributes = dead?.MessageAttributes ?? {};
    expect(attributes.type?.StringValue).toBe('MoneyDeposited');
    expect(attributes['failure-class']).toEqual({ DataType: 'String', StringValue: 'PermanentError' });
    expect(attributes['failure-reason']?.StringValue).toBe('recipient unsubscribed');
    expect(attributes['failure-code']?.StringValue).toBe('unsubscribed');
    expect(attributes['failure-provider']?.StringValue).toBe('fake');
    expect(attributes['failure-attempts']).toEqual({ DataType: 'Number', StringValue: '1' });
    expect(Number.isNaN(Date.parse(attributes['failed-at']?.StringValue ?? ''))).toBe(false);

    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: h.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    expect(await delivery(event.id)).toMatchObject({ status: 'FAILED', lastError: { class: 'PermanentError', code: 'unsubscribed', provider: 'fake' } });
  });

  it('reports a retryable failure and shortens the visibility to the backoff', async () => {
    const h = await harness();
    h.fake.behave(() => new RetryableError('provider 503', { status: 503 }));
    const event = depositEvent(uniqueName('evt'));
    const record = await h.deliver(event);
    const response = await h.handler({ Records: [record] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(await delivery(event.id)).toMatchObject({ status: 'SENDING', lastError: { class: 'RetryableError', provider: 'fake' } });

    // The queue's visibility timeout is 300 s; the backoff for the first receive is 1 s.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [again] = await receive(h.queueUrl, 2);
    expect(again?.MessageId).toBe(record.messageId);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(await receive(h.dlqUrl)).toEqual([]);
  });
});
