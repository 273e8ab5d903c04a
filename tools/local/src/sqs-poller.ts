import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import type { Poller, PollerLog } from './poller';
import { sleep } from './poller';

export interface SqsPollerOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  readonly handler: (event: SQSEvent) => Promise<SQSBatchResponse | void>;
  readonly log: PollerLog;
  readonly batchSize?: number;
  /** Long-poll wait; moto answers as soon as a message arrives. */
  readonly waitSeconds?: number;
  /** Parallel receive loops, like Lambda's concurrent pollers (maximum concurrency). */
  readonly concurrency?: number;
}

/** A queue poller that can also die abruptly, as a crashed or timed-out Lambda does (tests). */
export interface SqsPoller extends Poller {
  /**
   * Stops at once without waiting for the batch in flight and without deleting its messages: they
   * come back after their visibility timeout. The abandoned handler call is left to itself.
   */
  kill(): void;
  /**
   * Stops after the receive and batch in flight complete, without aborting the long poll: an
   * aborted receive may still take a message off the queue, hiding it for the visibility timeout.
   */
  drain(): Promise<void>;
}

/** SDK message → the record Lambda hands an SQS-triggered function. */
export function toSqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  const messageAttributes: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/**
 * Lambda's SQS event source, locally: long-polls, hands batches to the handler, deletes the
 * records it did not report in `batchItemFailures`; failed records stay in the queue and come
 * back after their visibility timeout (which the notifier sets to its backoff), and SQS's redrive
 * policy moves them to the DLQ after maxReceiveCount receives. A handler that throws fails the
 * whole batch, as on Lambda.
 */
export function startSqsPoller(options: SqsPollerOptions): SqsPoller {
  const { client, queueUrl, queueArn, region, handler, log } = options;
  let stopped = false;
  let killed = false;
  const abort = new AbortController();

  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        const out = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: options.batchSize ?? 10,
            WaitTimeSeconds: options.waitSeconds ?? 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        const messages = out.Messages ?? [];
        if (messages.length === 0) continue;
        const records = messages.map((m) => toSqsRecord(m, queueArn, region));
        let failed: Set<string>;
        try {
          const result = await handler({ Records: records });
          failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (err) {
          log.warn('notifier threw; the whole batch will be retried', { queueArn, error: err instanceof Error ? err.message : String(err) });
          failed = new Set(records.map((r) => r.messageId));
        }
        if (killed) return;
        const done = records.filter((r) => !failed.has(r.messageId));
        if (done.length > 0) {
          // Records the handler already deleted itself (moved to the DLQ) fail here harmlessly.
          await client.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
            }),
          );
        }
      } catch (err) {
        if (stopped) break;
        log.warn('queue poll failed', { queueArn, error: err instanceof Error ? err.message : String(err) });
        await sleep(500);
      }
    }
  }

  const loops = Array.from({ length: options.concurrency ?? 1 }, () => loop());
  return {
    stop: async () => {
      stopped = true;
      abort.abort();
      await Promise.allSettled(loops);
    },
    drain: async () => {
      stopped = true;
      await Promise.allSettled(loops);
    },
    kill: () => {
      stopped = true;
      killed = true;
      abort.abort();
    },
  };
}
