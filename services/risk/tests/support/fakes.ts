import type { QueueMessageAttribute, QueueOps } from '@bank/notifier-runtime';
import type { SQSRecord } from 'aws-lambda';

/** Records what the handler asked of the queues. */
export class FakeQueue implements Pick<QueueOps, 'sendToDeadLetterQueue' | 'deleteMessage'> {
  readonly deadLettered: { queue: string; body: string; attributes: Readonly<Record<string, QueueMessageAttribute>> }[] = [];
  readonly deleted: string[] = [];
  failDeadLetter = false;

  async sendToDeadLetterQueue(queue: string, body: string, attributes: Readonly<Record<string, QueueMessageAttribute>>): Promise<void> {
    if (this.failDeadLetter) throw new Error('SQS unavailable');
    this.deadLettered.push({ queue, body, attributes });
  }

  async deleteMessage(message: { receiptHandle: string }): Promise<void> {
    this.deleted.push(message.receiptHandle);
  }
}

let count = 0;

/** A Lambda SQS record from the risk queue. */
export function sqsRecord(body: string, queueArn = 'arn:aws:sqs:us-east-1:000000000000:risk-events'): SQSRecord {
  count += 1;
  return {
    messageId: `msg-${count}`,
    receiptHandle: `rh-${count}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}
