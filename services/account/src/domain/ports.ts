import type {
  Account,
  AccountStatus,
  ChannelDisabled,
  CustomerProfile,
  Hold,
  HoldStatus,
  IdempotencyCompletion,
  MovementPlan,
  StoredAnswer,
  NotificationPreferences,
  StatusChange,
  TransactionPage,
} from './model';
import type { RegistryCounts } from './channels';
import type { RegistryEntry } from './registry';

/** What a command reads before it decides. */
export interface CommandRead {
  readonly accounts: ReadonlyMap<string, Account>;
  /** The answer already stored under the command's Idempotency-Key, if it has one (not expired). */
  readonly answered?: StoredAnswer;
}

/** Persistence of accounts and their ledger. Adapters: DynamoAccountStore, InMemoryAccountStore. */
export interface AccountStore {
  getAccount(accountId: string): Promise<Account | undefined>;
  getAccounts(accountIds: readonly string[]): Promise<ReadonlyMap<string, Account>>;
  /**
   * A command's read, consistent: its accounts and, with an Idempotency-Key record, that key's
   * stored answer, in one request (so a keyed command costs no read more than an unkeyed one).
   */
  readForCommand(accountIds: readonly string[], idempotencyRecordKey?: string): Promise<CommandRead>;
  /** The answer stored under an Idempotency-Key record (not expired), for commands that read no account first. */
  answerOf(idempotencyRecordKey: string): Promise<StoredAnswer | undefined>;
  /**
   * Stores a command's answer under its key after the command, unless the key has a live answer
   * already (false then): for commands whose own state change refuses a repeat (an account's
   * status, a hold's decision), so the key only has to give a retry the first answer.
   */
  rememberAnswer(answer: IdempotencyCompletion): Promise<boolean>;
  /**
   * Creates the account (and its opening deposit record) in one transaction. Throws
   * AccountExistsError when the id is taken, and AlreadyAnsweredError (with that answer) when
   * another request stored an answer under the same Idempotency-Key first.
   */
  createAccount(account: Account, plan: MovementPlan, idempotency?: IdempotencyCompletion): Promise<void>;
  /**
   * Commits a movement in one transaction, storing the answer under the Idempotency-Key if there
   * is one. Throws VersionConflictError when an account changed since it was read (or left the
   * statuses the change allows), LimitExceededError when the daily limit would be crossed,
   * HoldAlreadyDecidedError when a decided hold was no longer pending, and AlreadyAnsweredError
   * (with that answer) when another request stored an answer under the same key first.
   */
  commitMovement(plan: MovementPlan, idempotency?: IdempotencyCompletion): Promise<void>;
  /**
   * Sets the account's status (and records the change) if it is still at `expectedVersion`;
   * `requireEmpty` also asks for a zero balance and no hold. VersionConflictError otherwise.
   */
  changeStatus(change: StatusChange, expectedVersion: number, options: { readonly requireEmpty: boolean }): Promise<void>;
  /**
   * Turns `change.channel` off on each of `accountIds` where it is still on, and records why, in
   * one transaction; false when another writer got there first (nothing written).
   */
  turnChannelOff(change: ChannelDisabled, accountIds: readonly string[]): Promise<boolean>;
  getHold(holdId: string): Promise<Hold | undefined>;
  /** Holds of one status, oldest first. */
  listHolds(status: HoldStatus, limit: number, cursor?: string): Promise<HoldPage>;
  /** Pending holds whose expiry time is at or before `now`. */
  listDueHolds(now: string, limit: number): Promise<Hold[]>;
  listTransactions(accountId: string, limit: number, cursor?: string): Promise<TransactionPage>;
  /**
   * Sets the given channels of the account's preferences (each one atomically, so concurrent
   * changes of other channels are kept) and returns the account as it is afterwards.
   */
  updatePreferences(accountId: string, changes: NotificationPreferences, timestamp: string): Promise<Account>;
}

export interface HoldPage {
  readonly items: readonly Hold[];
  readonly nextCursor: string | null;
}

export type { AccountStatus };

/** The bank's side of its customers: identity copies, their accounts, their registered addresses. */
export interface CustomerStore {
  getProfile(customerId: string): Promise<CustomerProfile | undefined>;
  saveProfile(profile: CustomerProfile): Promise<void>;
  /** Ids of the accounts the customer owns, oldest first. */
  listAccountIds(customerId: string): Promise<string[]>;
  /** Number of entries per registry (e.g. browser push subscriptions) the customer has. */
  registryCounts(customerId: string): Promise<RegistryCounts>;
  listRegistryEntries(customerId: string, registry: string): Promise<RegistryEntry[]>;
  /** Creates or replaces the entry with its id. */
  putRegistryEntry(customerId: string, entry: RegistryEntry): Promise<void>;
  /** Deletes the entry; false when the customer had none with that id. */
  deleteRegistryEntry(customerId: string, registry: string, entryId: string): Promise<boolean>;
}

/** The identity provider's current view of a customer (Cognito `AdminGetUser`). */
export interface IdentityProvider {
  /** The profile of the user with this username (or sub), or undefined when no such user exists. */
  lookup(username: string): Promise<Omit<CustomerProfile, 'updatedAt'> | undefined>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** Time-ordered id (ULID) for transactions. */
  transactionId(): string;
  /** New account number. */
  accountId(): string;
}

/** Narrow logger interface; the Powertools logger satisfies it. Never pass PII. */
export interface Log {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}
