import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import { buildTopology } from '@bank/topology';

export function cloudEvent(id: string, type: string, accountId: string): string {
  return JSON.stringify({
    specversion: '1.0',
    id,
    source: 'bank.account',
    type,
    time: '2025-01-31T12:00:00.000Z',
    subject: accountId,
    datacontenttype: 'application/json',
    dataschema: `urn:bank:events:${type}:v1`,
    correlationid: `corr-${id}`,
    data: { accountId, transactionId: id, type: 'DEPOSIT', amount: 1000, balanceAfter: 5000, currency: 'USD' },
  });
}

export function stringAttr(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: value };
}

/** The attributes the notifier writes on a permanent failure (docs/internal-contracts.md). */
export function permanentFailure(failedAt: Date, attempts = 1): Record<string, MessageAttributeValue> {
  return {
    'failure-class': stringAttr('PermanentError'),
    'failure-reason': stringAttr('number is not a valid mobile number'),
    'failure-code': stringAttr('INVALID_NUMBER'),
    'failure-provider': stringAttr('sms-twilio'),
    'failure-attempts': { DataType: 'Number', StringValue: String(attempts) },
    'failed-at': stringAttr(failedAt.toISOString()),
  };
}

/** One channel's queue, DLQ and deliveries table, named with a suffix unique to the test. */
export class ChannelFixture {
  readonly sqs = new SQSClient(awsTestConfig());
  readonly dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(awsTestConfig()));
  queueUrl = '';
  dlqUrl = '';

  constructor(
    readonly channel = 'email',
    readonly suffix = `-${uniqueName('t')}`,
  ) {}

  get table(): string {
    return `NotificationDeliveries${this.suffix}`;
  }

  async create(): Promise<this> {
    this.queueUrl = await this.createQueue(`notify-${this.channel}${this.suffix}`);
    this.dlqUrl = await this.createQueue(`notify-${this.channel}-dlq${this.suffix}`);
    await createTableLike(this.dynamo, buildTopology().deliveriesTable, this.table);
    return this;
  }

  async createQueue(name: string): Promise<string> {
    const out = await this.sqs.send(new CreateQueueCommand({ QueueName: name }));
    if (!out.QueueUrl) throw new Error(`no url for ${name}`);
    return out.QueueUrl;
  }

  /** Puts a CloudEvent in the DLQ with the SNS attributes (`type`, `version`) plus `extra`. */
  async putDlq(id: string, type: string, accountId: string, extra: Record<string, MessageAttributeValue> = {}): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.dlqUrl,
        MessageBody: cloudEvent(id, type, accountId),
        MessageAttributes: { type: stringAttr(type), version: stringAttr('1'), ...extra },
      }),
    );
  }

  async putDeliveryRecord(eventId: string, lastError: Record<string, string>, attempts: number): Promise<void> {
    await this.dynamo.send(
      new PutCommand({
        TableName: this.table,
        Item: { DeliveryID: `${eventId}#${this.channel}`, eventId, channel: this.channel, status: 'FAILED', attempts, lastError },
      }),
    );
  }

  /** Visible and in-flight message counts of a queue. */
  async counts(url: string): Promise<{ visible: number; inFlight: number }> {
    const out = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return { visible: Number(out.Attributes?.ApproximateNumberOfMessages), inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible) };
  }

  /** Drains a queue (test assertions only). */
  async receiveAll(url: string): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const out = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 60, MessageAttributeNames: ['All'], WaitTimeSeconds: 0 }),
      );
      if (!out.Messages?.length) return all;
      all.push(...out.Messages);
    }
  }

  destroy(): void {
    this.sqs.destroy();
    this.dynamo.destroy();
  }
}
