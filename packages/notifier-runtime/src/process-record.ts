import type { SQSRecord } from 'aws-lambda';
import { PermanentError, PluginError, RetryableError, sendWithFallback, type FallbackProvider } from '@bank/plugin-sdk';
import type { BankEvent } from '@bank/schemas';
import type { RetryPolicy } from '@bank/topology';
import { backoffSeconds } from './backoff';
import { decodeEvent } from './decode-event';
import { DeliveryInProgressError, NotifierError, UnknownAccountError } from './errors';
import type { DeliveryKey, DeliveryLedger, DeliveryStatus, NotifierLogger, QueueMessageAttribute, QueueOps, Recipient, RecipientDirectory } from './ports';
import { silentLogger } from './ports';
import { DEFAULT_TEMPLATES, renderNotification, type TemplateSet } from './templates';

/** What a failure looked like; becomes the DLQ `failure-*` attributes and the delivery's `lastError`. */
export interface FailureInfo {
  readonly class: string;
  readonly reason: string;
  readonly code?: string;
  readonly provider?: string;
}

export type SkipReason = 'no-template' | 'channel-off' | 'no-contact';

/** Ids for logs and metrics; never PII. */
export interface OutcomeContext {
  readonly messageId: string;
  readonly channel: string;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly eventTime?: string;
  readonly accountId?: string;
  readonly correlationId?: string;
  /** ApproximateReceiveCount of this receive. */
  readonly attempt: number;
}

export type Outcome = OutcomeContext &
  (
    | { readonly kind: 'sent'; readonly provider: string; readonly providerMessageId: string; readonly attempts: number }
    | { readonly kind: 'duplicate'; readonly status: DeliveryStatus }
    | { readonly kind: 'skipped'; readonly reason: SkipReason }
    | { readonly kind: 'retry'; readonly delaySeconds: number; readonly failure: FailureInfo }
    | { readonly kind: 'permanent'; readonly failure: FailureInfo }
  );

export interface ProcessPorts {
  /** The channel this record's queue feeds. */
  readonly channel: string;
  readonly retryPolicy: RetryPolicy;
  readonly recipients: RecipientDirectory;
  readonly ledger: DeliveryLedger;
  readonly queue: QueueOps;
  /** The channel's providers in fallback order. */
  readonly providers: readonly FallbackProvider[];
  readonly templates?: TemplateSet;
  readonly now?: () => Date;
  readonly random?: () => number;
  /** How long a claim keeps other workers off; longer than the function timeout. Default 120 s. */
  readonly leaseSeconds?: number;
  readonly logger?: NotifierLogger;
}

/** The record fields the core reads (a Lambda SQSRecord has them all). */
export type NotifierRecord = Pick<SQSRecord, 'messageId' | 'receiptHandle' | 'body' | 'eventSourceARN'> & {
  readonly attributes: Pick<SQSRecord['attributes'], 'ApproximateReceiveCount'>;
  readonly messageAttributes: Readonly<Record<string, QueueMessageAttribute>>;
};

const DEFAULT_LEASE_SECONDS = 120;
const MAX_REASON_LENGTH = 1000;

/** Which profile field is the address on each channel; a channel not listed has no contact. */
const CONTACT_FIELD: Readonly<Record<string, 'email' | 'phone'>> = { email: 'email', sms: 'phone', whatsapp: 'phone' };

function contactFor(recipient: Recipient, channel: string): string | undefined {
  const field = CONTACT_FIELD[channel];
  const value = field ? recipient[field] : undefined;
  return value && value.trim() !== '' ? value : undefined;
}

export function failureOf(error: unknown): FailureInfo {
  if (error instanceof PluginError) {
    const providerCode = error instanceof PermanentError || error instanceof RetryableError ? error.providerCode : undefined;
    return {
      class: error.name,
      reason: error.message.slice(0, MAX_REASON_LENGTH),
      ...(providerCode !== undefined ? { code: String(providerCode) } : {}),
      ...(error.provider ? { provider: error.provider } : {}),
    };
  }
  if (error instanceof NotifierError) return { class: error.name, reason: error.message.slice(0, MAX_REASON_LENGTH), code: error.code };
  if (error instanceof Error) return { class: error.name, reason: error.message.slice(0, MAX_REASON_LENGTH) };
  return { class: 'Error', reason: String(error).slice(0, MAX_REASON_LENGTH) };
}

function receiveCount(record: NotifierRecord): number {
  const count = Number.parseInt(record.attributes.ApproximateReceiveCount, 10);
  return Number.isFinite(count) && count > 0 ? count : 1;
}

/** The attributes a permanent failure carries to the DLQ (docs/internal-contracts.md). */
export function deadLetterAttributes(
  original: Readonly<Record<string, QueueMessageAttribute>>,
  failure: FailureInfo,
  attempts: number,
  failedAt: Date,
): Record<string, QueueMessageAttribute> {
  const attributes: Record<string, QueueMessageAttribute> = {};
  for (const [name, value] of Object.entries(original)) {
    // Attributes of an earlier failure (a replayed message) are replaced below, not kept twice.
    if (name.startsWith('failure-') || name === 'failed-at') continue;
    attributes[name] = {
      dataType: value.dataType,
      ...(value.stringValue !== undefined ? { stringValue: value.stringValue } : {}),
      ...(value.binaryValue !== undefined ? { binaryValue: value.binaryValue } : {}),
    };
  }
  attributes['failure-class'] = { dataType: 'String', stringValue: failure.class };
  attributes['failure-reason'] = { dataType: 'String', stringValue: failure.reason || failure.class };
  if (failure.code) attributes['failure-code'] = { dataType: 'String', stringValue: failure.code };
  if (failure.provider) attributes['failure-provider'] = { dataType: 'String', stringValue: failure.provider };
  attributes['failure-attempts'] = { dataType: 'Number', stringValue: String(attempts) };
  attributes['failed-at'] = { dataType: 'String', stringValue: failedAt.toISOString() };
  return attributes;
}

/**
 * One SQS message through the notifier pipeline: decode and validate → claim (eventId, channel) →
 * render → resolve recipient → send with fallback → record. Never throws: every path ends in an
 * Outcome, and the queue side effects of `retry` (visibility) and `permanent` (DLQ + delete) are done.
 */
export async function processRecord(record: NotifierRecord, ports: ProcessPorts): Promise<Outcome> {
  const now = ports.now ?? (() => new Date());
  const logger = ports.logger ?? silentLogger;
  const attempt = receiveCount(record);
  const messageRef = { queueArn: record.eventSourceARN, receiptHandle: record.receiptHandle };
  const base: OutcomeContext = { messageId: record.messageId, channel: ports.channel, attempt };

  let holding: DeliveryKey | undefined;
  const leaseToken = `${record.messageId}#${attempt}`;

  const retry = async (context: OutcomeContext, error: unknown, providerAttempts = 0): Promise<Outcome> => {
    const failure = failureOf(error);
    if (holding) {
      await ports.ledger
        .release(holding, { leaseToken, now: now(), attempts: providerAttempts, lastError: { ...failure, at: now().toISOString() } })
        .catch((releaseError: unknown) => logger.warn('could not release delivery claim', { eventId: context.eventId, error: failureOf(releaseError).class }));
    }
    const delaySeconds = backoffSeconds(attempt, ports.retryPolicy, ports.random);
    await ports.queue
      .changeVisibility(messageRef, delaySeconds)
      .catch((visibilityError: unknown) => logger.warn('could not change message visibility', { messageId: record.messageId, error: failureOf(visibilityError).class }));
    return { ...context, kind: 'retry', delaySeconds, failure };
  };

  const permanent = async (context: OutcomeContext, error: unknown, providerAttempts = 0): Promise<Outcome> => {
    const failure = failureOf(error);
    const at = now();
    if (holding) {
      await ports.ledger
        .markFailed(holding, { leaseToken, now: at, attempts: providerAttempts, lastError: { ...failure, at: at.toISOString() } })
        .catch((markError: unknown) => logger.warn('could not record failed delivery', { eventId: context.eventId, error: failureOf(markError).class }));
    }
    try {
      await ports.queue.sendToDeadLetterQueue(ports.channel, record.body, deadLetterAttributes(record.messageAttributes, failure, attempt, at));
    } catch (dlqError) {
      // Not parked yet: let SQS redeliver it (and eventually redrive it) rather than lose it.
      logger.error('could not move message to the dead-letter queue', { messageId: record.messageId, error: failureOf(dlqError).class });
      holding = undefined;
      return retry(context, dlqError);
    }
    await ports.queue
      .deleteMessage(messageRef)
      .catch((deleteError: unknown) => logger.warn('could not delete dead-lettered message', { messageId: record.messageId, error: failureOf(deleteError).class }));
    return { ...context, kind: 'permanent', failure };
  };

  let event: BankEvent;
  try {
    event = decodeEvent(record.body);
  } catch (error) {
    return permanent(base, error);
  }

  const context: OutcomeContext = {
    ...base,
    eventId: event.id,
    eventType: event.type,
    eventTime: event.time,
    accountId: event.data.accountId,
    ...(event.correlationid ? { correlationId: event.correlationid } : {}),
  };
  const key: DeliveryKey = { eventId: event.id, channel: ports.channel };

  try {
    const claim = await ports.ledger.claim({
      ...key,
      eventType: event.type,
      accountId: event.data.accountId,
      leaseToken,
      now: now(),
      leaseSeconds: ports.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    });
    if (!claim.claimed) {
      if (claim.status === 'SENDING') return retry(context, new DeliveryInProgressError(`delivery ${event.id}#${ports.channel} is being sent by another worker`));
      return { ...context, kind: 'duplicate', status: claim.status };
    }
    holding = key;

    const skip = async (reason: SkipReason): Promise<Outcome> => {
      await ports.ledger.markSkipped(key, { leaseToken, now: now(), reason });
      return { ...context, kind: 'skipped', reason };
    };

    const rendered = renderNotification(event, ports.channel, ports.templates ?? DEFAULT_TEMPLATES);
    if (!rendered) return skip('no-template');
    const recipient = await ports.recipients.find(event.data.accountId);
    if (!recipient) return permanent(context, new UnknownAccountError(`account ${event.data.accountId} not found`));
    if (recipient.notifications[ports.channel] !== true) return skip('channel-off');
    const to = contactFor(recipient, ports.channel);
    if (!to) return skip('no-contact');

    let result;
    try {
      result = await sendWithFallback(ports.providers, {
        channel: ports.channel,
        to,
        ...(rendered.subject !== undefined ? { subject: rendered.subject } : {}),
        body: rendered.body,
        ...(rendered.variables ? { variables: rendered.variables } : {}),
        idempotencyKey: `${event.id}:${ports.channel}`,
        eventType: event.type,
      });
    } catch (error) {
      const tried = error instanceof PluginError ? (error.attempts?.length ?? 1) : 1;
      return error instanceof PermanentError ? permanent(context, error, tried) : retry(context, error, tried);
    }

    const attempts = result.attempts.length;
    const recorded = await ports.ledger
      .markSent(key, { leaseToken, now: now(), provider: result.provider, providerMessageId: result.providerMessageId, attempts })
      .catch((markError: unknown) => {
        // The message is out; failing now would send it twice. Log and acknowledge.
        logger.error('sent but could not record the delivery', { eventId: event.id, error: failureOf(markError).class });
        return true;
      });
    if (!recorded) logger.warn('sent after the delivery claim expired', { eventId: event.id, channel: ports.channel });
    return { ...context, kind: 'sent', provider: result.provider, providerMessageId: result.providerMessageId, attempts };
  } catch (error) {
    // Ledger or directory trouble (throttling, network): try again later.
    return retry(context, error);
  }
}
