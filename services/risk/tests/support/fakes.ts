import type { QueueMessageAttribute, QueueOps } from '@bank/notifier-runtime';

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

export { sqsRecord } from '../../src/testing/sqs-record';
