import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { NotifierConfigError } from '../errors';
import type { QueueMessageAttribute, QueueOps, ReceivedMessageRef } from '../ports';

export interface SqsQueueOpsOptions {
  readonly client: SQSClient;
  /** DLQ name per channel, from the topology. */
  readonly deadLetterQueues: Readonly<Record<string, string>>;
}

/** `arn:aws:sqs:<region>:<account>:<name>` → `<name>`. */
export function queueNameFromArn(arn: string): string {
  const name = arn.split(':').at(-1);
  if (!name || !arn.startsWith('arn:')) throw new NotifierConfigError(`not a queue ARN: ${arn}`);
  return name;
}

function toSdkAttribute(attribute: QueueMessageAttribute): MessageAttributeValue {
  return {
    DataType: attribute.dataType,
    ...(attribute.stringValue !== undefined ? { StringValue: attribute.stringValue } : {}),
    ...(attribute.binaryValue !== undefined ? { BinaryValue: Buffer.from(attribute.binaryValue, 'base64') } : {}),
  };
}

export class SqsQueueOps implements QueueOps {
  private readonly urls = new Map<string, Promise<string>>();

  constructor(private readonly options: SqsQueueOpsOptions) {}

  async changeVisibility(message: ReceivedMessageRef, visibilityTimeoutSeconds: number): Promise<void> {
    await this.options.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: await this.urlOf(queueNameFromArn(message.queueArn)),
        ReceiptHandle: message.receiptHandle,
        VisibilityTimeout: Math.round(visibilityTimeoutSeconds),
      }),
    );
  }

  async sendToDeadLetterQueue(channel: string, body: string, attributes: Readonly<Record<string, QueueMessageAttribute>>): Promise<void> {
    const dlqName = this.options.deadLetterQueues[channel];
    if (!dlqName) throw new NotifierConfigError(`no dead-letter queue for channel ${channel}`);
    await this.options.client.send(
      new SendMessageCommand({
        QueueUrl: await this.urlOf(dlqName),
        MessageBody: body,
        MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, toSdkAttribute(value)])),
      }),
    );
  }

  async deleteMessage(message: ReceivedMessageRef): Promise<void> {
    await this.options.client.send(
      new DeleteMessageCommand({ QueueUrl: await this.urlOf(queueNameFromArn(message.queueArn)), ReceiptHandle: message.receiptHandle }),
    );
  }

  /** GetQueueUrl once per queue per container; a failed lookup is not cached. */
  private urlOf(queueName: string): Promise<string> {
    let url = this.urls.get(queueName);
    if (!url) {
      url = this.options.client.send(new GetQueueUrlCommand({ QueueName: queueName })).then(({ QueueUrl }) => {
        if (!QueueUrl) throw new NotifierConfigError(`queue ${queueName} has no URL`);
        return QueueUrl;
      });
      url.catch(() => this.urls.delete(queueName));
      this.urls.set(queueName, url);
    }
    return url;
  }
}
