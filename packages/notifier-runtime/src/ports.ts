/**
 * The ports of the notifier core. Adapters (DynamoDB, SQS) live in src/adapters; in-memory fakes
 * in src/testing. Nothing here imports an AWS SDK.
 */

/** Contact data of an account owner. PII: never log it. */
export interface Recipient {
  readonly accountId: string;
  readonly email?: string;
  readonly phone?: string;
  /** Per-channel opt-in; a channel is on only when its entry is `true`. */
  readonly notifications: Readonly<Record<string, boolean>>;
}

export interface RecipientDirectory {
  /** The account's profile, or undefined when no account item exists. */
  find(accountId: string): Promise<Recipient | undefined>;
}

export type DeliveryStatus = 'SENDING' | 'SENT' | 'SKIPPED' | 'FAILED';

/** `lastError` of a delivery record (docs/internal-contracts.md, "Notifier failure bookkeeping"). */
export interface DeliveryError {
  readonly class: string;
  readonly reason: string;
  readonly code?: string;
  readonly provider?: string;
  /** ISO timestamp. */
  readonly at: string;
}

export interface DeliveryKey {
  readonly eventId: string;
  readonly channel: string;
}

export interface ClaimRequest extends DeliveryKey {
  readonly eventType: string;
  readonly accountId: string;
  /** Identifies this processing attempt; only its holder may finish or release the claim. */
  readonly leaseToken: string;
  readonly now: Date;
  readonly leaseSeconds: number;
}

/**
 * `claimed`: this attempt may send. Otherwise the current record's status: SENT/SKIPPED mean done
 * (a duplicate), SENDING means someone else holds an unexpired lease.
 */
export type ClaimResult = { readonly claimed: true } | { readonly claimed: false; readonly status: DeliveryStatus };

export interface FinishBase {
  readonly leaseToken: string;
  readonly now: Date;
}

export interface DeliveryLedger {
  /**
   * Conditional write on (eventId, channel): succeeds when there is no record, the record is
   * FAILED (a replay from the DLQ), or it is SENDING with an expired (or released) lease.
   */
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /** `attempts` is added to the record's running count of provider calls. Each returns false when the lease was lost. */
  markSent(key: DeliveryKey, update: FinishBase & { provider: string; providerMessageId: string; attempts: number }): Promise<boolean>;
  markSkipped(key: DeliveryKey, update: FinishBase & { reason: string }): Promise<boolean>;
  markFailed(key: DeliveryKey, update: FinishBase & { attempts: number; lastError: DeliveryError }): Promise<boolean>;
  /** Gives the claim up after a retryable failure so the next receive can claim at once. */
  release(key: DeliveryKey, update: FinishBase & { attempts: number; lastError: DeliveryError }): Promise<boolean>;
}

/** A message attribute in the Lambda SQS event's shape (`stringValue`, `binaryValue` base64). */
export interface QueueMessageAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: string;
}

/** Where a received message lives: the source queue's ARN and this receive's handle. */
export interface ReceivedMessageRef {
  readonly queueArn: string;
  readonly receiptHandle: string;
}

export interface QueueOps {
  changeVisibility(message: ReceivedMessageRef, visibilityTimeoutSeconds: number): Promise<void>;
  /** Sends `body` with `attributes` to the dead-letter queue of `channel`. */
  sendToDeadLetterQueue(channel: string, body: string, attributes: Readonly<Record<string, QueueMessageAttribute>>): Promise<void>;
  deleteMessage(message: ReceivedMessageRef): Promise<void>;
}

/** The narrow logger the runtime writes to; the Powertools Logger satisfies it. Never pass PII. */
export interface NotifierLogger {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export const silentLogger: NotifierLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
