import type { ChannelAddress } from '@bank/topology';

/**
 * The ports of the notifier core. Adapters (DynamoDB, SQS) live in src/adapters; in-memory fakes
 * in src/testing. Nothing here imports an AWS SDK.
 */

/** One address of a recipient on a channel. `value` and `attributes` are PII: never log them. */
export interface Address {
  /** Not PII: the contact's attribute name (`email`) or the registry entry's id. */
  readonly id: string;
  readonly value: string;
  /** What was registered with the address (a subscription's keys). */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** A candidate address left out, and why (`unverified-contact`, `invalid-entry`, …). */
export interface ExcludedAddress {
  readonly id: string;
  readonly reason: string;
}

/** The owner of an account as one channel sees it. */
export interface Recipient {
  readonly accountId: string;
  readonly ownerId?: string;
  /** Per-channel opt-in; a channel is on only when its entry is `true`. */
  readonly notifications: Readonly<Record<string, boolean>>;
  /** Every address the channel's declaration gives for the owner (several for a registry). */
  readonly addresses: readonly Address[];
  /** Candidates that are not addresses, not by the customer's choice: logged and counted. */
  readonly excluded: readonly ExcludedAddress[];
}

/** Where a channel's addresses come from, when they are registered entries (which can be forgotten). */
export type RegistrySource = Extract<ChannelAddress, { kind: 'registry' }>;

export interface RecipientDirectory {
  /** The account's owner with the addresses `source` gives, or undefined when no account item exists. */
  find(accountId: string, source: ChannelAddress): Promise<Recipient | undefined>;
  /** Reads the recipients of a whole batch at once, so that `find` answers from memory. Optional. */
  prefetch?(accountIds: readonly string[], source: ChannelAddress): Promise<void>;
  /**
   * Deletes a registry entry whose address the provider says is gone, only if the entry still has
   * that address (the customer may have registered it again). True when it was deleted.
   */
  forget(ownerId: string, source: RegistrySource, entryId: string, address: string): Promise<boolean>;
}

/**
 * The notifier writes SENDING, SENT, SKIPPED and FAILED; a provider's status callback moves SENT
 * on to DELIVERED, UNDELIVERED, BOUNCED or FAILED (docs/internal-contracts.md).
 */
export type DeliveryStatus = 'SENDING' | 'SENT' | 'SKIPPED' | 'FAILED' | 'DELIVERED' | 'UNDELIVERED' | 'BOUNCED';

/** One message a provider accepted: status callbacks find the delivery by it. */
export interface AcceptedMessage {
  /** The plugin id (`twilio`). */
  readonly provider: string;
  readonly providerMessageId: string;
  /**
   * Whether a lookup item (`MSG#<provider>#<providerMessageId>`) must lead its status reports to
   * the delivery. Default true; false when its plugin's reports carry the notification key, or
   * its plugin reads no status callbacks (`needsMessageLookup`).
   */
  readonly lookup?: boolean;
}

/** What `markSent` records. */
export interface SentUpdate extends FinishBase, DeliveredTo {
  /** Who accepted the first address of this attempt (absent when earlier attempts sent them all). */
  readonly provider?: string;
  readonly providerMessageId?: string;
  readonly attempts: number;
  /** The addresses reached, masked (`maskAddresses`): never the address itself. */
  readonly to?: string;
  /** The account owner's id (Cognito `sub`), so a bounce can turn the channel off without reading the account. */
  readonly customerId?: string;
  /** Every message accepted in this attempt: its id joins the record's `messageIds`; those with `lookup` get a lookup item. */
  readonly accepted?: readonly AcceptedMessage[];
}

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
 * `claimed`: this attempt may send; `delivered` lists the addresses an earlier attempt reached. Otherwise the current record's status: SENT/SKIPPED mean done
 * (a duplicate), SENDING means someone else holds an unexpired lease.
 */
export type ClaimResult =
  | { readonly claimed: true; readonly delivered: readonly string[] }
  | { readonly claimed: false; readonly status: DeliveryStatus };

/** Address ids a delivery reached in an earlier attempt, so that a retry sends only to the others. */
export interface DeliveredTo {
  readonly delivered?: readonly string[];
}

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
  /**
   * `attempts` is added to the record's running count of provider calls; each accepted message's
   * id is added to `messageIds`, and one that needs a lookup item gets it in the same write. Each
   * returns false when the lease was lost.
   */
  markSent(key: DeliveryKey, update: SentUpdate): Promise<boolean>;
  markSkipped(key: DeliveryKey, update: FinishBase & { reason: string }): Promise<boolean>;
  markFailed(key: DeliveryKey, update: FinishBase & DeliveredTo & { attempts: number; lastError: DeliveryError }): Promise<boolean>;
  /** Gives the claim up after a retryable failure so the next receive can claim at once. */
  release(key: DeliveryKey, update: FinishBase & DeliveredTo & { attempts: number; lastError: DeliveryError }): Promise<boolean>;
  /**
   * Optional: the claims of several records in one request, each answered as `claim` would
   * answer it, in order. The notifier's batch window (`LedgerBatch`) uses it when present.
   */
  claimAll?(requests: readonly ClaimRequest[]): Promise<ClaimResult[]>;
  /** Optional: several `markSent` in one request, each answered as `markSent` would answer it, in order. */
  markAllSent?(entries: readonly SentEntry[]): Promise<boolean[]>;
}

/** One delivery `markAllSent` records. */
export interface SentEntry {
  readonly key: DeliveryKey;
  readonly update: SentUpdate;
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
