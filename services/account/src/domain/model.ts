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
  readonly createdAt: string;
  readonly updatedAt: string;
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

/** Balance change of one account, valid only if the account is still at `expectedVersion`. */
export interface BalanceChange {
  readonly accountId: string;
  readonly expectedVersion: number;
  readonly newBalance: number;
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
  readonly timestamp: string;
}

export interface TransactionPage {
  readonly items: readonly TransactionRecord[];
  readonly nextCursor: string | null;
}
