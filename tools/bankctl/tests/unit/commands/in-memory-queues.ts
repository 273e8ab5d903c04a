import type { MessageAttributes, RawDlqMessage } from '../../../src/core/dlq-message';
import type { Output } from '../../../src/commands/context';
import type { DeliveryRecordPort, QueuePort, ReceivedHandle } from '../../../src/ports';

interface Stored {
  id: string;
  body: string;
  attributes: MessageAttributes;
  hidden: boolean;
  receives: number;
  handle: string;
}

/** An in-memory SQS with just enough semantics for the commands: hide on receive, release on visibility 0. */
export class InMemoryQueues implements QueuePort {
  readonly queues = new Map<string, Stored[]>();
  readonly calls: string[] = [];
  failSendAfter = Number.POSITIVE_INFINITY;
  private sends = 0;
  private seq = 0;

  add(url: string, body: string, attributes: MessageAttributes = {}): void {
    const list = this.queues.get(url) ?? [];
    list.push({ id: `m${++this.seq}`, body, attributes, hidden: false, receives: 0, handle: '' });
    this.queues.set(url, list);
  }

  list(url: string): Stored[] {
    return this.queues.get(url) ?? [];
  }

  async resolveUrl(queueName: string): Promise<string> {
    return `url:${queueName}`;
  }

  async arnOf(queueUrl: string): Promise<string> {
    return `arn:${queueUrl}`;
  }

  async receive(queueUrl: string, max: number): Promise<RawDlqMessage[]> {
    const batch = this.list(queueUrl).filter((m) => !m.hidden).slice(0, max);
    return batch.map((m) => {
      m.hidden = true;
      m.receives += 1;
      m.handle = `${m.id}-h${m.receives}`;
      return { messageId: m.id, receiptHandle: m.handle, body: m.body, attributes: m.attributes, receiveCount: m.receives, sentTimestamp: 1 };
    });
  }

  async setVisibility(queueUrl: string, messages: readonly ReceivedHandle[], seconds: number): Promise<void> {
    for (const h of messages) {
      const stored = this.list(queueUrl).find((m) => m.handle === h.receiptHandle);
      if (stored) stored.hidden = seconds > 0;
    }
  }

  async send(queueUrl: string, body: string, attributes: MessageAttributes): Promise<void> {
    this.calls.push(`send ${JSON.parse(body).id}`);
    if (++this.sends > this.failSendAfter) throw new Error('target unavailable');
    this.add(queueUrl, body, attributes);
  }

  async delete(queueUrl: string, message: ReceivedHandle): Promise<void> {
    this.calls.push(`delete ${message.messageId}`);
    this.queues.set(
      queueUrl,
      this.list(queueUrl).filter((m) => m.handle !== message.receiptHandle),
    );
  }

  async startMoveTask(): Promise<string> {
    return 'task-1';
  }
}

export const noRecords: DeliveryRecordPort = { getMany: async () => new Map() };

export function captureOutput(): Output & { lines: string[]; notes: string[]; documents: unknown[] } {
  const lines: string[] = [];
  const notes: string[] = [];
  const documents: unknown[] = [];
  return { lines, notes, documents, line: (t) => lines.push(t), note: (t) => notes.push(t), json: (v) => documents.push(v) };
}
