import { deadLetterAttributes, failureOf as queueFailureOf, queueNameFromArn, receiveCountOf, type QueueMessageAttribute, type QueueOps } from '@bank/notifier-runtime';
import type { SQSRecord } from 'aws-lambda';
import { detectOnEvent, type DetectionPorts } from '../domain/detect-on-event';
import { InvalidMessageError, RiskServiceError } from '../domain/errors';
import type { RiskCase } from '../domain/risk-case';
import { decodeMessage } from './decode-message';

/** Ids and codes for logs and metrics; never PII. */
export interface FailureInfo {
  readonly class: string;
  readonly reason: string;
  readonly code?: string;
}

export type MessageOutcome = { readonly messageId: string; readonly eventId?: string; readonly accountId?: string } & (
  | { readonly kind: 'processed'; readonly opened: readonly RiskCase[]; readonly frozen: readonly RiskCase[] }
  | { readonly kind: 'ignored'; readonly eventType: string }
  | { readonly kind: 'retry'; readonly failure: FailureInfo }
  | { readonly kind: 'permanent'; readonly failure: FailureInfo }
);

/** The record fields the core reads (a Lambda SQSRecord has them all). */
export type RiskRecord = Pick<SQSRecord, 'messageId' | 'receiptHandle' | 'body' | 'eventSourceARN'> & {
  readonly attributes: Pick<SQSRecord['attributes'], 'ApproximateReceiveCount'>;
  readonly messageAttributes: Readonly<Record<string, QueueMessageAttribute>>;
};

export interface MessagePorts {
  readonly detection: DetectionPorts;
  /** Sends to the dead-letter queue keyed by the source queue's name, and deletes. */
  readonly queue: Pick<QueueOps, 'sendToDeadLetterQueue' | 'deleteMessage'>;
}

/** The queue runtime's failure (class, reason cut to length), with this service's own error code. */
export function failureOf(error: unknown): FailureInfo {
  const failure = queueFailureOf(error);
  return error instanceof RiskServiceError ? { ...failure, code: error.code } : failure;
}

/**
 * One SQS message: decode → detect. Never throws. A message that can never succeed is moved to
 * the dead-letter queue at once (with `failure-*` attributes, like the notifiers) and deleted;
 * anything else that fails is retried by SQS (and redriven after maxReceiveCount).
 */
export async function processMessage(record: RiskRecord, ports: MessagePorts): Promise<MessageOutcome> {
  const base = { messageId: record.messageId };

  const park = async (context: typeof base, error: unknown): Promise<MessageOutcome> => {
    const failure = failureOf(error);
    try {
      const attributes = deadLetterAttributes(record.messageAttributes, failure, receiveCountOf(record), ports.detection.now());
      await ports.queue.sendToDeadLetterQueue(queueNameFromArn(record.eventSourceARN), record.body, attributes);
    } catch (dlqError) {
      // Not parked: let SQS redeliver it (and redrive it) rather than lose it.
      return { ...context, kind: 'retry', failure: failureOf(dlqError) };
    }
    await ports.queue
      .deleteMessage({ queueArn: record.eventSourceARN, receiptHandle: record.receiptHandle })
      .catch((deleteError: unknown) => ports.detection.logger.warn('could not delete dead-lettered message', { messageId: record.messageId, error: failureOf(deleteError).class }));
    return { ...context, kind: 'permanent', failure };
  };

  let decoded;
  try {
    decoded = decodeMessage(record.body);
  } catch (error) {
    return park(base, error);
  }
  if (decoded.kind === 'other') return { ...base, kind: 'ignored', eventId: decoded.eventId, eventType: decoded.eventType };

  const context = { ...base, eventId: decoded.event.id, accountId: decoded.event.data.accountId };
  try {
    const outcome = await detectOnEvent(decoded.event, ports.detection);
    return { ...context, kind: 'processed', opened: outcome.opened, frozen: outcome.frozen };
  } catch (error) {
    return error instanceof InvalidMessageError ? park(context, error) : { ...context, kind: 'retry', failure: failureOf(error) };
  }
}
