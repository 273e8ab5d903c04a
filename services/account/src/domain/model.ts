/** Domain types. Amounts are integer minor units. */

export type TransactionType = 'DEPOSIT' | 'WITHDRAWAL' | 'TRANSFER_OUT' | 'TRANSFER_IN';

/** Per-channel opt-in, one entry per channel the platform declares (`@bank/topology`). */
export type NotificationPreferences = Readonly<Record<string, boolean>>;

export type AccountStatus = 'OPEN' | 'FROZEN' | 'CLOSED';

export interface Account {
  readonly accountId: string;
  /** The Cognito `sub` of the customer who owns the account. */
  readonly ownerId: string;
  readonly status: AccountStatus;
  readonly balance: number;
  /** Sum of pending review holds; `balance - held` is what may be spent. */
  readonly held: number;
  readonly currency: string;
  readonly version: number;
  readonly notifications: NotificationPreferences;
  /** Epoch-ms times of the latest debits (the velocity rule's window), newest last; bounded by the policy. */
  readonly recentDebits: readonly number[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type DebitType = 'WITHDRAWAL' | 'TRANSFER';
export type HoldStatus = 'PENDING' | 'APPROVED' | 'DECLINED' | 'EXPIRED';

/** A debit at or above the review amount, reserved (`held`) until an operator decides or it expires. */
export interface Hold {
  readonly holdId: string;
  readonly accountId: string;
  readonly debitType: DebitType;
  /** Minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly counterpartyAccountId?: string;
  readonly status: HoldStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Available balance right after the hold was made (for the customer's message). */
  readonly availableAfter: number;
  readonly correlationId: string;
  /** Channels the owner had on when the debit was held (the notification filters). */
  readonly notify: readonly string[];
  readonly decidedAt?: string;
  readonly decidedBy?: string;
  readonly reason?: string;
  /** The posted debit, once approved. */
  readonly transactionId?: string;
}

/** Who changed an account's status (events name the kind, never the person). */
export type StatusActor = 'operator' | 'risk-service' | 'owner' | 'system';

/** A change of an account's status, recorded as its own item (the outbox turns it into an event). */
export interface StatusChange {
  readonly changeId: string;
  readonly accountId: string;
  readonly status: AccountStatus;
  readonly previous: AccountStatus;
  readonly reason?: string;
  readonly by: StatusActor;
  readonly at: string;
  readonly correlationId: string;
}

/** Why a channel was turned off for a customer (the delivery-status service reports it). */
export interface ChannelDisabled {
  readonly changeId: string;
  /** The account whose notification could not be delivered (the event's subject). */
  readonly accountId: string;
  readonly channel: string;
  readonly code: 'hard-bounce' | 'unreachable';
  readonly provider: string;
  readonly deliveryId: string;
  readonly at: string;
  /** The channels still on for that account: where the customer is told. */
  readonly notify: readonly string[];
}

/** A contact of the customer's identity and whether the identity provider verified it. PII. */
export interface Contact {
  readonly value: string;
  readonly verified: boolean;
}

/**
 * The bank's copy of a customer's identity (Cognito attributes), refreshed from the identity
 * provider; notifications use only its verified contacts. PII: never log it.
 */
export interface CustomerProfile {
  readonly customerId: string;
  readonly name?: string;
  /** By contact name (`email`, `phone`, as the channel declarations' `address.attribute`). */
  readonly contacts: Readonly<Record<string, Contact>>;
  readonly updatedAt: string;
}

export interface TransactionRecord {
  readonly transactionId: string;
  readonly accountId: string;
  readonly type: TransactionType;
  readonly amount: number;
  readonly balanceAfter: number;
  readonly currency: string;
  readonly timestamp: string;
  readonly correlationId: string;
  /** Channels the customer had on when the money moved; the relay turns them into SNS filter attributes. */
  readonly notify: readonly string[];
  readonly counterpartyAccountId?: string;
  readonly transferId?: string;
  /** Risk rules that fired without being enforced (shadow mode), kept for the audit. */
  readonly riskRules?: readonly string[];
  /** The review hold this debit was posted from. */
  readonly holdId?: string;
}

/** A response stored with the money movement and replayed for the same Idempotency-Key. */
export interface StoredResponse {
  readonly statusCode: number;
  readonly body: string;
}

/** The idempotency lock this request holds, completed atomically with the write. */
export interface IdempotencyCompletion {
  readonly recordKey: string;
  readonly token: string;
  readonly response: StoredResponse;
}

/** Balance change of one account, valid only if the account is still at `expectedVersion` and in one of `statuses`. */
export interface BalanceChange {
  readonly accountId: string;
  readonly expectedVersion: number;
  readonly newBalance: number;
  /** The new sum of pending holds (unchanged when absent). */
  readonly newHeld?: number;
  /** The new debit times of the velocity window (unchanged when absent). */
  readonly recentDebits?: readonly number[];
  /** The statuses the account must still be in (checked in the transaction, not only on the read). */
  readonly statuses: readonly AccountStatus[];
}

/** A debit that also counts toward the account's daily withdrawal limit. */
export interface DailyDebit {
  readonly accountId: string;
  readonly day: string;
  readonly amount: number;
  readonly limit: number;
}

/** Everything one command writes, committed as one transaction. */
export interface MovementPlan {
  readonly changes: readonly BalanceChange[];
  readonly records: readonly TransactionRecord[];
  readonly dailyDebit?: DailyDebit;
  /** A new review hold (its amount is in the change's `newHeld`). */
  readonly newHold?: Hold;
  /** A pending hold this command decides: written only if it is still pending. */
  readonly decidedHold?: Hold;
  readonly timestamp: string;
}

export interface TransactionPage {
  readonly items: readonly TransactionRecord[];
  readonly nextCursor: string | null;
}
