import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { MessageAttributes, RawDlqMessage } from '../core/dlq-message';
import { QueueNotFoundError } from '../errors';
import type { QueuePort, ReceivedHandle } from '../ports';
import { awsCall, hasErrorName } from './translate-error';

const BATCH = 10;

function queueMissing(queue: string): (err: unknown) => QueueNotFoundError | undefined {
  return (err) => (hasErrorName(err, 'QueueDoesNotExist', 'NonExistentQueue') ? new QueueNotFoundError(queue, { cause: err }) : undefined);
}

function toRaw(message: Message): RawDlqMessage | undefined {
  if (!message.MessageId || !message.ReceiptHandle) return undefined;
  const sent = Number(message.Attributes?.SentTimestamp);
  const attributes: MessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    attributes[name] = { DataType: value.DataType, StringValue: value.StringValue, BinaryValue: value.BinaryValue };
  }
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body ?? '',
    attributes,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    sentTimestamp: Number.isFinite(sent) && sent > 0 ? sent : undefined,
  };
}

/** SQS adapter of `QueuePort`. `waitTimeSeconds` 0 suits the single-node emulator; AWS needs long polling (1) to see every server. */
export class SqsQueues implements QueuePort {
  constructor(
    private readonly sqs: SQSClient,
    private readonly waitTimeSeconds: number,
  ) {}

  async resolveUrl(queueName: string): Promise<string> {
    const out = await awsCall('GetQueueUrl', () => this.sqs.send(new GetQueueUrlCommand({ QueueName: queueName })), queueMissing(queueName));
    if (!out.QueueUrl) throw new QueueNotFoundError(queueName);
    return out.QueueUrl;
  }

  async arnOf(queueUrl: string): Promise<string> {
    const out = await awsCall(
      'GetQueueAttributes',
      () => this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] })),
      queueMissing(queueUrl),
    );
    const arn = out.Attributes?.QueueArn;
    if (!arn) throw new QueueNotFoundError(queueUrl);
    return arn;
  }

  async receive(queueUrl: string, max: number, visibilityTimeoutSeconds: number): Promise<RawDlqMessage[]> {
    const out = await awsCall(
      'ReceiveMessage',
      () =>
        this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(BATCH, max),
            VisibilityTimeout: visibilityTimeoutSeconds,
            WaitTimeSeconds: this.waitTimeSeconds,
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
          }),
        ),
      queueMissing(queueUrl),
    );
    return (out.Messages ?? []).map(toRaw).filter((m): m is RawDlqMessage => m !== undefined);
  }

  /** Best effort: a handle that expired meanwhile just means the message is already visible again. */
  async setVisibility(queueUrl: string, messages: readonly ReceivedHandle[], seconds: number): Promise<void> {
    for (let i = 0; i < messages.length; i += BATCH) {
      const entries = messages.slice(i, i + BATCH).map((m, j) => ({ Id: String(j), ReceiptHandle: m.receiptHandle, VisibilityTimeout: seconds }));
      await awsCall('ChangeMessageVisibilityBatch', () => this.sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries })));
    }
  }

  async send(queueUrl: string, body: string, attributes: MessageAttributes): Promise<void> {
    await awsCall(
      'SendMessage',
      () => this.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, MessageAttributes: attributes })),
      queueMissing(queueUrl),
    );
  }

  async delete(queueUrl: string, message: ReceivedHandle): Promise<void> {
    await awsCall('DeleteMessage', () => this.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.receiptHandle })), queueMissing(queueUrl));
  }

  async startMoveTask(sourceArn: string, destinationArn: string, perSecond: number | undefined): Promise<string> {
    const out = await awsCall('StartMessageMoveTask', () =>
      this.sqs.send(
        new StartMessageMoveTaskCommand({
          SourceArn: sourceArn,
          DestinationArn: destinationArn,
          ...(perSecond === undefined ? {} : { MaxNumberOfMessagesPerSecond: Math.max(1, Math.floor(perSecond)) }),
        }),
      ),
    );
    return out.TaskHandle ?? '';
  }
}
