import { assertCanMove, assertCanRead, assertOperator, assertOwner, type Principal } from './access';
import { channelsOn, checkKnownChannels, resolvePreferences, type ChannelRule } from './channels';
import { AccountNotFoundError, InsufficientFundsError, SameAccountError, UnknownIdentityError } from './errors';
import { KeyedLock } from './keyed-lock';
import { registerEntry, removeEntry, type RegistryEntry } from './registry';
import {
  checkDailyWithdrawal,
  checkResultingBalance,
  checkTransactionAmount,
  DEFAULT_LIMITS,
  utcDay,
  type Limits,
} from './limits';
import type {
  Account,
  CustomerProfile,
  IdempotencyCompletion,
  MovementPlan,
  NotificationPreferences,
  StoredResponse,
  TransactionPage,
  TransactionRecord,
  TransactionType,
} from './model';
import type { AccountStore, Clock, CustomerStore, IdentityProvider, IdGenerator } from './ports';
import { DEFAULT_RETRY, retryOnConflict, type RetryPolicy } from './retry';

export interface AccountServiceDeps {
  readonly store: AccountStore;
  readonly customers: CustomerStore;
  readonly identity: IdentityProvider;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The notification channels the platform declares (`@bank/topology`), in order. */
  readonly channels: readonly ChannelRule[];
  readonly limits?: Limits;
  readonly retry?: RetryPolicy;
}

/** The idempotency lock a request holds and how to render the response stored with the write. */
export interface PendingIdempotency<R> {
  readonly recordKey: string;
  readonly token: string;
  render(result: R): StoredResponse;
}

export interface CommandContext<R> {
  readonly principal: Principal;
  readonly correlationId: string;
  readonly idempotency?: PendingIdempotency<R>;
}

export interface OpenAccountInput {
  /** Operators only: the customer the account is for (default: the caller). */
  readonly ownerId?: string;
  /** Operators only: a chosen account id (default: a generated one). */
  readonly accountId?: string;
  readonly notifications?: NotificationPreferences;
  readonly currency?: string;
  /** Minor units. */
  readonly initialDeposit?: number;
}

export interface MovementResult {
  readonly accountId: string;
  readonly transactionId: string;
  readonly amount: number;
  readonly newBalance: number;
  readonly currency: string;
  readonly timestamp: string;
}

export interface TransferResult extends MovementResult {
  readonly toAccountId: string;
  readonly transferId: string;
  readonly creditTransactionId: string;
}

/** The caller's profile and the accounts they own (`GET /me`). */
export interface CustomerOverview {
  readonly profile: CustomerProfile;
  readonly accountIds: readonly string[];
}

export const DEFAULT_CURRENCY = 'USD';

/**
 * The checking-account core: decides every command from the state it reads and commits it as
 * one conditional write. Knows nothing about HTTP, DynamoDB or Cognito, nor any channel by name.
 */
export class AccountService {
  private readonly store: AccountStore;
  private readonly customers: CustomerStore;
  private readonly identity: IdentityProvider;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly channels: readonly ChannelRule[];
  private readonly limits: Limits;
  private readonly retry: RetryPolicy;
  private readonly locks = new KeyedLock();

  constructor(deps: AccountServiceDeps) {
    this.store = deps.store;
    this.customers = deps.customers;
    this.identity = deps.identity;
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.channels = deps.channels;
    this.limits = deps.limits ?? DEFAULT_LIMITS;
    this.retry = deps.retry ?? DEFAULT_RETRY;
  }

  /**
   * Reads the customer's identity from the identity provider and stores the bank's copy, which
   * the notifiers read; called by `GET /me`, account opening and preference changes, and by the
   * Cognito post-authentication trigger, so a re-verified contact is used from the next sign-in.
   */
  async refreshProfile(username: string): Promise<CustomerProfile> {
    const found = await this.identity.lookup(username);
    if (!found) throw new UnknownIdentityError();
    return this.storeProfile(found);
  }

  /** Stores the bank's copy of an identity the identity provider handed over (its sign-in trigger). */
  async storeProfile(identity: Omit<CustomerProfile, 'updatedAt'>): Promise<CustomerProfile> {
    const profile: CustomerProfile = { ...identity, updatedAt: this.clock.now().toISOString() };
    await this.customers.saveProfile(profile);
    return profile;
  }

  async overview(principal: Principal): Promise<CustomerOverview> {
    const [profile, accountIds] = await Promise.all([this.refreshProfile(principal.username), this.customers.listAccountIds(principal.customerId)]);
    return { profile, accountIds };
  }

  async listAccounts(principal: Principal): Promise<Account[]> {
    const ids = await this.customers.listAccountIds(principal.customerId);
    const found = await this.store.getAccounts(ids);
    return ids.flatMap((id) => {
      const account = found.get(id);
      return account && account.ownerId === principal.customerId ? [account] : [];
    });
  }

  async openAccount(input: OpenAccountInput, ctx: CommandContext<Account>): Promise<Account> {
    const { principal } = ctx;
    if (input.accountId !== undefined) assertOperator(principal, 'choose an account id');
    if (input.ownerId !== undefined && input.ownerId !== principal.customerId) assertOperator(principal, 'open an account for another customer');
    const initial = input.initialDeposit ?? 0;
    if (initial > 0) checkTransactionAmount(initial, this.limits);
    const ownerId = input.ownerId ?? principal.customerId;
    // The owner's contacts decide which channels can be on; another customer's are looked up by their sub.
    const profile = await this.refreshProfile(ownerId === principal.customerId ? principal.username : ownerId);
    const registries = await this.customers.registryCounts(profile.customerId);
    const timestamp = this.clock.now().toISOString();
    const account: Account = {
      accountId: input.accountId ?? this.ids.accountId(),
      ownerId: profile.customerId,
      status: 'OPEN',
      balance: initial,
      held: 0,
      currency: input.currency ?? DEFAULT_CURRENCY,
      version: 1,
      notifications: resolvePreferences(this.channels, profile, registries, input.notifications ?? {}),
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    const records: TransactionRecord[] =
      initial > 0 ? [this.record(account, 'DEPOSIT', initial, initial, timestamp, ctx.correlationId)] : [];
    const plan: MovementPlan = { changes: [], records, timestamp };
    await this.store.createAccount(account, plan, completion(ctx, account));
    return account;
  }

  /** Registers an address of the caller's (e.g. a browser push subscription) in one of their registries. */
  registerAddress(principal: Principal, entry: Omit<RegistryEntry, 'createdAt'>, maxEntries: number): Promise<RegistryEntry> {
    return registerEntry(this.customers, principal.customerId, { ...entry, createdAt: this.clock.now().toISOString() }, maxEntries);
  }

  listAddresses(principal: Principal, registry: string): Promise<RegistryEntry[]> {
    return this.customers.listRegistryEntries(principal.customerId, registry);
  }

  removeAddress(principal: Principal, registry: string, entryId: string): Promise<void> {
    return removeEntry(this.customers, principal.customerId, registry, entryId);
  }

  async getAccount(principal: Principal, accountId: string): Promise<Account> {
    const account = await this.store.getAccount(accountId);
    if (!account) throw new AccountNotFoundError(accountId);
    assertCanRead(principal, account);
    return account;
  }

  /** Changes notification choices; a channel may be turned on only while it can reach the owner. */
  async updateNotifications(principal: Principal, accountId: string, requested: NotificationPreferences): Promise<Account> {
    const account = await this.getAccount(principal, accountId);
    assertOwner(principal, account);
    checkKnownChannels(this.channels, requested);
    if (Object.values(requested).some((on) => on)) {
      // Turning a channel on needs the identity provider's current word on the contact.
      const profile = await this.refreshProfile(principal.username);
      resolvePreferences(this.channels, profile, await this.customers.registryCounts(principal.customerId), requested, account.notifications);
    }
    return this.store.updatePreferences(accountId, requested, this.clock.now().toISOString());
  }

  async listTransactions(principal: Principal, accountId: string, limit: number, cursor?: string): Promise<TransactionPage> {
    const [account, page] = await Promise.all([this.store.getAccount(accountId), this.store.listTransactions(accountId, limit, cursor)]);
    if (!account) throw new AccountNotFoundError(accountId);
    assertCanRead(principal, account);
    return page;
  }

  async deposit(accountId: string, amount: number, ctx: CommandContext<MovementResult>): Promise<MovementResult> {
    checkTransactionAmount(amount, this.limits);
    return this.locks.run([accountId], () =>
      retryOnConflict(async () => {
        const account = await this.movable(ctx.principal, accountId);
        const newBalance = account.balance + amount;
        checkResultingBalance(newBalance, this.limits);
        return this.commitSingle(account, 'DEPOSIT', amount, newBalance, ctx);
      }, this.retry),
    );
  }

  async withdraw(accountId: string, amount: number, ctx: CommandContext<MovementResult>): Promise<MovementResult> {
    checkTransactionAmount(amount, this.limits);
    checkDailyWithdrawal(amount, this.limits);
    return this.locks.run([accountId], () =>
      retryOnConflict(async () => {
        const account = await this.movable(ctx.principal, accountId);
        if (account.balance - account.held < amount) throw new InsufficientFundsError();
        return this.commitSingle(account, 'WITHDRAWAL', amount, account.balance - amount, ctx);
      }, this.retry),
    );
  }

  async transfer(
    fromAccountId: string,
    toAccountId: string,
    amount: number,
    ctx: CommandContext<TransferResult>,
  ): Promise<TransferResult> {
    if (fromAccountId === toAccountId) throw new SameAccountError();
    checkTransactionAmount(amount, this.limits);
    checkDailyWithdrawal(amount, this.limits);
    return this.locks.run([fromAccountId, toAccountId], () =>
      retryOnConflict(async () => {
        const accounts = await this.store.getAccounts([fromAccountId, toAccountId]);
        const from = accounts.get(fromAccountId);
        const to = accounts.get(toAccountId);
        if (!from) throw new AccountNotFoundError(fromAccountId);
        assertCanMove(ctx.principal, from);
        // Any account may be credited: its existence is what the customer typed, nothing more leaks.
        if (!to) throw new AccountNotFoundError(toAccountId);
        if (from.balance - from.held < amount) throw new InsufficientFundsError();
        const toBalance = to.balance + amount;
        checkResultingBalance(toBalance, this.limits);
        const timestamp = this.clock.now().toISOString();
        const transferId = this.ids.transactionId();
        const debit = this.record(from, 'TRANSFER_OUT', amount, from.balance - amount, timestamp, ctx.correlationId, {
          counterpartyAccountId: to.accountId,
          transferId,
        });
        const credit = this.record(to, 'TRANSFER_IN', amount, toBalance, timestamp, ctx.correlationId, {
          counterpartyAccountId: from.accountId,
          transferId,
        });
        const result: TransferResult = {
          accountId: from.accountId,
          toAccountId: to.accountId,
          transactionId: debit.transactionId,
          creditTransactionId: credit.transactionId,
          transferId,
          amount,
          newBalance: debit.balanceAfter,
          currency: from.currency,
          timestamp,
        };
        await this.store.commitMovement(
          {
            changes: [
              { accountId: from.accountId, expectedVersion: from.version, newBalance: debit.balanceAfter },
              { accountId: to.accountId, expectedVersion: to.version, newBalance: toBalance },
            ],
            records: [debit, credit],
            dailyDebit: { accountId: from.accountId, day: utcDay(timestamp), amount, limit: this.limits.dailyWithdrawal },
            timestamp,
          },
          completion(ctx, result),
        );
        return result;
      }, this.retry),
    );
  }

  /** The account a principal may move money on; anyone else's reads as missing. */
  private async movable(principal: Principal, accountId: string): Promise<Account> {
    const account = await this.store.getAccount(accountId);
    if (!account) throw new AccountNotFoundError(accountId);
    assertCanMove(principal, account);
    return account;
  }

  private async commitSingle(
    account: Account,
    type: 'DEPOSIT' | 'WITHDRAWAL',
    amount: number,
    newBalance: number,
    ctx: CommandContext<MovementResult>,
  ): Promise<MovementResult> {
    const timestamp = this.clock.now().toISOString();
    const record = this.record(account, type, amount, newBalance, timestamp, ctx.correlationId);
    const result: MovementResult = {
      accountId: account.accountId,
      transactionId: record.transactionId,
      amount,
      newBalance,
      currency: account.currency,
      timestamp,
    };
    await this.store.commitMovement(
      {
        changes: [{ accountId: account.accountId, expectedVersion: account.version, newBalance }],
        records: [record],
        ...(type === 'WITHDRAWAL'
          ? { dailyDebit: { accountId: account.accountId, day: utcDay(timestamp), amount, limit: this.limits.dailyWithdrawal } }
          : {}),
        timestamp,
      },
      completion(ctx, result),
    );
    return result;
  }

  private record(
    account: Account,
    type: TransactionType,
    amount: number,
    balanceAfter: number,
    timestamp: string,
    correlationId: string,
    transfer?: { counterpartyAccountId: string; transferId: string },
  ): TransactionRecord {
    return {
      transactionId: this.ids.transactionId(),
      accountId: account.accountId,
      type,
      amount,
      balanceAfter,
      currency: account.currency,
      timestamp,
      correlationId,
      notify: channelsOn(account.notifications),
      ...transfer,
    };
  }
}

function completion<R>(ctx: CommandContext<R>, result: R): IdempotencyCompletion | undefined {
  if (!ctx.idempotency) return undefined;
  return { recordKey: ctx.idempotency.recordKey, token: ctx.idempotency.token, response: ctx.idempotency.render(result) };
}
