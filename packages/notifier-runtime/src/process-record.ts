import type { SQSRecord } from 'aws-lambda';
import { needsMessageLookup, type ChannelPlugin, type FallbackProvider, type OutboundMessage } from '@bank/plugin-sdk';
import { isNotifiedEvent, type BankEvent, type EventEnvelope } from '@bank/schemas';
import type { ChannelAddress, RetryPolicy } from '@bank/topology';
import { backoffSeconds } from './backoff';
import { decodeEvent } from './decode-event';
import { notificationKey } from './delivery-keys';
import { DeliveryInProgressError, UnknownAccountError } from './errors';
import { deadLetterAttributes, failureOf, type FailureInfo } from './failure';
import { receiveCountOf } from './receive-count';
import type { Address, DeliveryKey, DeliveryLedger, DeliveryStatus, NotifierLogger, QueueMessageAttribute, QueueOps, Recipient, RecipientDirectory } from './ports';
import { silentLogger } from './ports';
import { sendToAddresses, type FanOutResult } from './send-to-addresses';
import { maskAddresses } from './mask-address';
import { renderNotification, type RenderedTemplate, type TemplateSet } from './templates';

export type { FailureInfo } from './failure';

/**
 * Why a delivery was skipped. Only `channel-off` is the customer's own choice; every other reason
 * is a gap in what the platform could deliver and is logged as a warning and counted.
 */
export type SkipReason = 'no-template' | 'channel-off' | 'no-contact' | 'subscription-expired';

/** An address that was not used, and why (`unverified-contact`, `invalid-entry`, `subscription-expired`). Ids only. */
export interface AddressGap {
  readonly addressId: string;
  readonly reason: string;
}

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
  /** Addresses left out or found gone while handling this record. */
  readonly gaps?: readonly AddressGap[];
}

export type Outcome = OutcomeContext &
  (
    | {
        readonly kind: 'sent';
        /** The provider that accepted the first address of this attempt; absent when only earlier attempts sent. */
        readonly provider?: string;
        readonly providerMessageId?: string;
        /** Provider calls of this attempt. */
        readonly attempts: number;
        /** Addresses reached, this attempt and earlier ones. */
        readonly addresses: number;
      }
    | { readonly kind: 'duplicate'; readonly status: DeliveryStatus }
    | { readonly kind: 'skipped'; readonly reason: SkipReason }
    | { readonly kind: 'retry'; readonly delaySeconds: number; readonly failure: FailureInfo }
    | { readonly kind: 'permanent'; readonly failure: FailureInfo }
  );

export interface ProcessPorts {
  /** The channel this record's queue feeds. */
  readonly channel: string;
  /** Where the channel's addresses come from (its declaration's `address`). */
  readonly address: ChannelAddress;
  readonly retryPolicy: RetryPolicy;
  readonly recipients: RecipientDirectory;
  readonly ledger: DeliveryLedger;
  readonly queue: QueueOps;
  /** The channel's providers in fallback order. */
  readonly providers: readonly NotifierProvider[];
  /** Templates by event type and channel (the channel declarations' templates, compiled). */
  readonly templates: TemplateSet;
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

/**
 * A provider as the notifier sends through it; with its plugin's declaration (a loaded provider
 * has it) the notifier knows whether status reports need a lookup item for its messages.
 */
export type NotifierProvider = FallbackProvider & { readonly plugin?: Pick<ChannelPlugin<never>, 'callbacks' | 'statusReportsCarryKey'> };

const DEFAULT_LEASE_SECONDS = 120;

/** Plugin ids whose messages need no lookup item: their reports carry the notification key, or there are none. */
function keyedProviders(providers: readonly NotifierProvider[]): Set<string> {
  return new Set(providers.filter((p) => p.plugin !== undefined && !needsMessageLookup(p.plugin)).map((p) => p.id));
}

/** The message one address gets. Registered addresses get their own idempotency key each. */
function outboundMessage(event: Pick<EventEnvelope, 'id' | 'type'>, ports: ProcessPorts, rendered: RenderedTemplate, address: Address): OutboundMessage {
  const perAddress = ports.address.kind === 'registry';
  return {
    channel: ports.channel,
    to: address.value,
    ...(address.attributes && Object.keys(address.attributes).length > 0 ? { toAttributes: address.attributes } : {}),
    ...(rendered.subject !== undefined ? { subject: rendered.subject } : {}),
    ...(rendered.title !== undefined ? { title: rendered.title } : {}),
    body: rendered.body,
    ...(rendered.variables ? { variables: rendered.variables } : {}),
    ...(rendered.data ? { data: rendered.data } : {}),
    // Its inverse, deliveryIdOfNotificationKey, leads a status report that echoes it to the delivery.
    idempotencyKey: notificationKey({ eventId: event.id, channel: ports.channel }, perAddress ? address.id : undefined),
    eventType: event.type,
  };
}

/**
 * Registered addresses the provider says are gone are forgotten (only if unchanged); a contact of
 * the identity cannot be, so its gone answer stays a permanent failure.
 */
async function forgetGone(fanOut: FanOutResult, recipient: Recipient, ports: ProcessPorts, logger: NotifierLogger): Promise<AddressGap[]> {
  const source = ports.address;
  if (source.kind !== 'registry' || !recipient.ownerId) return [];
  const ownerId = recipient.ownerId;
  return Promise.all(
    fanOut.gone.map(async ({ address }) => {
      await ports.recipients.forget(ownerId, source, address.id, address.value).catch((error: unknown) => {
        // It stays registered; the next notification finds it gone again and retries the delete.
        logger.warn('could not forget a gone address', { addressId: address.id, error: failureOf(error).class });
      });
      return { addressId: address.id, reason: 'subscription-expired' };
    }),
  );
}

/**
 * One SQS message through the notifier pipeline: decode and validate → claim (eventId, channel) →
 * render → resolve the recipient's addresses from the channel declaration → send to each with
 * fallback → record. Never throws: every path ends in an Outcome, and the queue side effects of
 * `retry` (visibility) and `permanent` (DLQ + delete) are done.
 */
export async function processRecord(record: NotifierRecord, ports: ProcessPorts): Promise<Outcome> {
  const now = ports.now ?? (() => new Date());
  const logger = ports.logger ?? silentLogger;
  const attempt = receiveCountOf(record);
  const messageRef = { queueArn: record.eventSourceARN, receiptHandle: record.receiptHandle };
  const base: OutcomeContext = { messageId: record.messageId, channel: ports.channel, attempt };

  let holding: DeliveryKey | undefined;
  const leaseToken = `${record.messageId}#${attempt}`;

  const retry = async (context: OutcomeContext, error: unknown, providerAttempts = 0, delivered: readonly string[] = []): Promise<Outcome> => {
    const failure = failureOf(error);
    if (holding) {
      await ports.ledger
        .release(holding, { leaseToken, now: now(), attempts: providerAttempts, lastError: { ...failure, at: now().toISOString() }, delivered })
        .catch((releaseError: unknown) => logger.warn('could not release delivery claim', { eventId: context.eventId, error: failureOf(releaseError).class }));
    }
    const delaySeconds = backoffSeconds(attempt, ports.retryPolicy, ports.random);
    await ports.queue
      .changeVisibility(messageRef, delaySeconds)
      .catch((visibilityError: unknown) => logger.warn('could not change message visibility', { messageId: record.messageId, error: failureOf(visibilityError).class }));
    return { ...context, kind: 'retry', delaySeconds, failure };
  };

  const permanent = async (context: OutcomeContext, error: unknown, providerAttempts = 0, delivered: readonly string[] = []): Promise<Outcome> => {
    const failure = failureOf(error);
    const at = now();
    if (holding) {
      await ports.ledger
        .markFailed(holding, { leaseToken, now: at, attempts: providerAttempts, lastError: { ...failure, at: at.toISOString() }, delivered })
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

  let event: BankEvent | EventEnvelope;
  try {
    event = decodeEvent(record.body);
  } catch (error) {
    return permanent(base, error);
  }

  let context: OutcomeContext = {
    ...base,
    eventId: event.id,
    eventType: event.type,
    eventTime: event.time,
    accountId: event.subject,
    ...(event.correlationid ? { correlationId: event.correlationid } : {}),
  };
  const key: DeliveryKey = { eventId: event.id, channel: ports.channel };

  try {
    const claim = await ports.ledger.claim({
      ...key,
      eventType: event.type,
      accountId: event.subject,
      leaseToken,
      now: now(),
      leaseSeconds: ports.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    });
    if (!claim.claimed) {
      if (claim.status === 'SENDING') return retry(context, new DeliveryInProgressError(`delivery ${event.id}#${ports.channel} is being sent by another worker`));
      return { ...context, kind: 'duplicate', status: claim.status };
    }
    holding = key;
    const earlier = new Set(claim.delivered);

    const skip = async (reason: SkipReason): Promise<Outcome> => {
      await ports.ledger.markSkipped(key, { leaseToken, now: now(), reason });
      return { ...context, kind: 'skipped', reason };
    };

    // A type no channel subscribes to has only its envelope checked: nothing renders it.
    const rendered = isNotifiedEvent(event) ? renderNotification(event, ports.channel, ports.templates) : undefined;
    if (!rendered) return skip('no-template');
    const recipient = await ports.recipients.find(event.subject, ports.address);
    if (!recipient) return permanent(context, new UnknownAccountError(`account ${event.subject} not found`));
    if (recipient.notifications[ports.channel] !== true) return skip('channel-off');
    if (recipient.excluded.length > 0) context = { ...context, gaps: recipient.excluded.map((e) => ({ addressId: e.id, reason: e.reason })) };
    if (recipient.addresses.length === 0) return skip('no-contact');

    const pending = recipient.addresses.filter((address) => !earlier.has(address.id));
    const fanOut = await sendToAddresses(ports.providers, pending, (address) => outboundMessage(event, ports, rendered, address));
    const delivered = [...earlier, ...fanOut.sent.map((s) => s.address.id)];
    const forgotten = await forgetGone(fanOut, recipient, ports, logger);
    if (forgotten.length > 0) context = { ...context, gaps: [...(context.gaps ?? []), ...forgotten] };

    if (fanOut.retryable !== undefined) return retry(context, fanOut.retryable, fanOut.providerCalls, delivered);
    const gonePermanently = forgotten.length === 0 ? fanOut.gone[0]?.error : undefined;
    const failed = fanOut.permanent ?? gonePermanently;
    if (failed) return permanent(context, failed, fanOut.providerCalls, delivered);
    if (delivered.length === 0) return skip('subscription-expired');

    const first = fanOut.sent[0];
    const reached = new Set(delivered);
    const keyed = keyedProviders(ports.providers);
    const recorded = await ports.ledger
      .markSent(key, {
        leaseToken,
        now: now(),
        attempts: fanOut.providerCalls,
        delivered,
        // Masked here, at send time: the full address never reaches the deliveries table.
        to: maskAddresses(recipient.addresses.filter((address) => reached.has(address.id)).map((address) => address.value)),
        ...(recipient.ownerId ? { customerId: recipient.ownerId } : {}),
        accepted: fanOut.sent.map((s) => ({ provider: s.provider, providerMessageId: s.providerMessageId, ...(keyed.has(s.provider) ? { lookup: false } : {}) })),
        ...(first ? { provider: first.provider, providerMessageId: first.providerMessageId } : {}),
      })
      .catch((markError: unknown) => {
        // The message is out; failing now would send it twice. Log and acknowledge.
        logger.error('sent but could not record the delivery', { eventId: event.id, error: failureOf(markError).class });
        return true;
      });
    if (!recorded) logger.warn('sent after the delivery claim expired', { eventId: event.id, channel: ports.channel });
    return {
      ...context,
      kind: 'sent',
      ...(first ? { provider: first.provider, providerMessageId: first.providerMessageId } : {}),
      attempts: fanOut.providerCalls,
      addresses: delivered.length,
    };
  } catch (error) {
    // Ledger or directory trouble (throttling, network): try again later.
    return retry(context, error);
  }
}
