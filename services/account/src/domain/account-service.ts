import { assertCanMove, assertCanRead, assertOperator, assertOwner, type Principal } from './access';
import { holdExpiresAt, type RiskPolicySource } from '@bank/risk-policy';
import { channelsOn, checkKnownChannels, resolvePreferences, type ChannelRule } from './channels';
import { checkDebit, unenforcedRules, type AcceptedDebit } from './debit-policy';
import { AccountClosedError, AccountNotFoundError, AlreadyAnsweredError, SameAccountError, UnknownIdentityError } from './errors';
import { AccountControls, type StatusResult } from './account-controls';
import type { MovementResult, TransferResult } from './movement-results';
import { KeyedLock } from './keyed-lock';
import { completion, transactionRecord, type PendingIdempotency } from './records';
import { registerEntry, removeEntry, type RegistryEntry } from './registry';
import {
  checkDailyWithdrawal,
  checkResultingBalance,
  checkTransactionAmount,
  DEFAULT_LIMITS,
  utcDay,
  type Limits,
} from './limits';
import type { Account, AccountStatus, ChannelDisabled, CustomerProfile, Hold, HoldStatus, IdempotencyCompletion, MovementPlan, NotificationPreferences, StoredAnswer, TransactionPage, TransactionRecord } from './model';
import type { AccountStore, Clock, CustomerStore, HoldPage, IdentityProvider, IdGenerator } from './ports';
import { DEFAULT_RETRY, retryOnConflict, type RetryPolicy } from './retry';

export interface AccountServiceDeps {
  readonly store: AccountStore;
  readonly customers: CustomerStore;
  readonly identity: IdentityProvider;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The notification channels the platform declares (`@bank/topology`), in order. */
  readonly channels: readonly ChannelRule[];
  /** The risk policy in force (a short-lived cache of the stored one). */
  readonly policies: RiskPolicySource;
  readonly limits?: Limits;
  readonly retry?: RetryPolicy;
}

export type { PendingIdempotency };

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

export type { MovementResult, TransferResult } from './movement-results';

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
  private readonly policies: RiskPolicySource;
  private readonly limits: Limits;
  private readonly retry: RetryPolicy;
  private readonly locks = new KeyedLock();
  private readonly controls: AccountControls;

  constructor(deps: AccountServiceDeps) {
    this.store = deps.store;
    this.customers = deps.customers;
    this.identity = deps.identity;
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.channels = deps.channels;
    this.policies = deps.policies;
    this.limits = deps.limits ?? DEFAULT_LIMITS;
    this.retry = deps.retry ?? DEFAULT_RETRY;
    this.controls = new AccountControls({
      store: this.store,
      clock: this.clock,
      ids: this.ids,
      limits: this.limits,
      retry: this.retry,
      locks: this.locks,
      postTransfer: (from, to, amount, timestamp, correlationId, extra) => this.postTransfer(from, to, amount, timestamp, correlationId, extra),
    });
  }

  /** Operators (and the fraud detection): debits refused until unfrozen; credits still arrive. */
  freeze(principal: Principal, accountId: string, reason: string, correlationId?: string): Promise<StatusResult> {
    return this.controls.freeze(principal, accountId, reason, correlationId);
  }

  unfreeze(principal: Principal, accountId: string, reason?: string, correlationId?: string): Promise<StatusResult> {
    return this.controls.unfreeze(principal, accountId, reason, correlationId);
  }

  /** The owner or an operator, with a zero balance and no pending hold; the account stays readable. */
  close(principal: Principal, accountId: string, correlationId?: string): Promise<StatusResult> {
    return this.controls.close(principal, accountId, correlationId);
  }

  listHolds(principal: Principal, status: HoldStatus, limit: number, cursor?: string): Promise<HoldPage> {
    return this.controls.listHolds(principal, status, limit, cursor);
  }

  approveHold(principal: Principal, holdId: string, correlationId?: string): Promise<Hold> {
    return this.controls.approveHold(principal, holdId, correlationId);
  }

  declineHold(principal: Principal, holdId: string, reason: string, correlationId?: string): Promise<Hold> {
    return this.controls.declineHold(principal, holdId, reason, correlationId);
  }

  /** The expiry sweep: declines pending holds past their time. */
  expireDueHolds(max?: number): Promise<number> {
    return this.controls.expireDueHolds(max);
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
    // No account to read: the key's answer is read beside the identity lookup.
    const [answered, profile] = await Promise.all([
      ctx.idempotency ? this.store.answerOf(ctx.idempotency.recordKey) : undefined,
      this.refreshProfile(ownerId === principal.customerId ? principal.username : ownerId),
    ]);
    if (answered) throw new AlreadyAnsweredError(answered);
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
      recentDebits: [],
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    const records: TransactionRecord[] =
      initial > 0 ? [transactionRecord(this.ids.transactionId(), account, 'DEPOSIT', initial, initial, timestamp, ctx.correlationId)] : [];
    const plan: MovementPlan = { changes: [], records, timestamp };
    await this.store.createAccount(account, plan, completion(ctx.idempotency, account));
    return account;
  }

  /**
   * A channel that cannot reach the customer (a hard bounce, a number that can never receive) is
   * turned off on every account of theirs, and the customer is told once, on the channels still on
   * (the outbox publishes NotificationChannelDisabled). Idempotent: `changed` is false when it was
   * already off everywhere, or another report won the race.
   */
  async disableChannel(
    customerId: string,
    channel: string,
    reason: Pick<ChannelDisabled, 'code' | 'provider' | 'deliveryId' | 'accountId'>,
  ): Promise<{ changed: boolean }> {
    checkKnownChannels(this.channels, { [channel]: false });
    const ids = await this.customers.listAccountIds(customerId);
    const accounts = [...(await this.store.getAccounts(ids)).values()].filter((a) => a.ownerId === customerId);
    const on = accounts.filter((a) => a.notifications[channel] === true);
    if (on.length === 0) return { changed: false };
    const subject = accounts.find((a) => a.accountId === reason.accountId) ?? on[0];
    if (!subject) return { changed: false };
    const change: ChannelDisabled = {
      changeId: this.ids.transactionId(),
      ...reason,
      accountId: subject.accountId,
      channel,
      at: this.clock.now().toISOString(),
      notify: channelsOn({ ...subject.notifications, [channel]: false }),
    };
    return { changed: await this.store.turnChannelOff(change, on.map((a) => a.accountId)) };
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

  /** The answer stored under an Idempotency-Key record, if any (for `keyedOperation` of the HTTP layer). */
  storedAnswer(recordKey: string): Promise<StoredAnswer | undefined> {
    return this.store.answerOf(recordKey);
  }

  /** Stores an operation's answer under its key, unless the key has one: false then. */
  rememberAnswer(answer: IdempotencyCompletion): Promise<boolean> {
    return this.store.rememberAnswer(answer);
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
        const account = await this.movable(ctx.principal, accountId, ctx);
        // A frozen account still receives money; a closed one receives nothing.
        if (account.status === 'CLOSED') throw new AccountClosedError();
        const newBalance = account.balance + amount;
        checkResultingBalance(newBalance, this.limits);
        const timestamp = this.clock.now().toISOString();
        const record = transactionRecord(this.ids.transactionId(), account, 'DEPOSIT', amount, newBalance, timestamp, ctx.correlationId);
        const result = movementResult(record);
        await this.store.commitMovement(
          { changes: [{ accountId, expectedVersion: account.version, newBalance, statuses: CREDITABLE }], records: [record], timestamp },
          completion(ctx.idempotency, result),
        );
        return result;
      }, this.retry),
    );
  }

  /** A withdrawal, or (at or above the review amount) a hold waiting for an operator. */
  async withdraw(accountId: string, amount: number, ctx: CommandContext<DebitOutcome<MovementResult>>): Promise<DebitOutcome<MovementResult>> {
    checkTransactionAmount(amount, this.limits);
    checkDailyWithdrawal(amount, this.limits);
    return this.locks.run([accountId], () =>
      retryOnConflict(async () => {
        const account = await this.movable(ctx.principal, accountId, ctx);
        const now = this.clock.now();
        const decision = await checkDebit(this.policies, account, amount, now);
        if (decision.outcome === 'hold') return this.hold(account, { debitType: 'WITHDRAWAL', amount }, decision, now, ctx);
        const timestamp = now.toISOString();
        const newBalance = account.balance - amount;
        const riskRules = unenforcedRules(decision);
        const record = transactionRecord(this.ids.transactionId(), account, 'WITHDRAWAL', amount, newBalance, timestamp, ctx.correlationId, riskRules ? { riskRules } : {});
        const result = movementResult(record);
        await this.store.commitMovement(
          {
            changes: [{ accountId, expectedVersion: account.version, newBalance, recentDebits: decision.recentDebits, statuses: DEBITABLE }],
            records: [record],
            dailyDebit: { accountId, day: utcDay(timestamp), amount, limit: this.limits.dailyWithdrawal },
            timestamp,
          },
          completion(ctx.idempotency, result),
        );
        return result;
      }, this.retry),
    );
  }

  /** A transfer (any account may be credited), or a hold of the source's debit at or above the review amount. */
  async transfer(
    fromAccountId: string,
    toAccountId: string,
    amount: number,
    ctx: CommandContext<DebitOutcome<TransferResult>>,
  ): Promise<DebitOutcome<TransferResult>> {
    if (fromAccountId === toAccountId) throw new SameAccountError();
    checkTransactionAmount(amount, this.limits);
    checkDailyWithdrawal(amount, this.limits);
    return this.locks.run([fromAccountId, toAccountId], () =>
      retryOnConflict(async () => {
        const accounts = await this.readForCommand([fromAccountId, toAccountId], ctx);
        const from = accounts.get(fromAccountId);
        const to = accounts.get(toAccountId);
        if (!from) throw new AccountNotFoundError(fromAccountId);
        assertCanMove(ctx.principal, from);
        // Any account may be credited: its existence is what the customer typed, nothing more leaks.
        if (!to) throw new AccountNotFoundError(toAccountId);
        if (to.status === 'CLOSED') throw new AccountClosedError();
        const now = this.clock.now();
        const decision = await checkDebit(this.policies, from, amount, now);
        if (decision.outcome === 'hold') return this.hold(from, { debitType: 'TRANSFER', amount, counterpartyAccountId: to.accountId }, decision, now, ctx);
        const timestamp = now.toISOString();
        const riskRules = unenforcedRules(decision);
        const posted = this.postTransfer(from, to, amount, timestamp, ctx.correlationId, riskRules ? { riskRules } : {});
        const result = posted.result;
        await this.store.commitMovement(
          {
            changes: [
              { accountId: from.accountId, expectedVersion: from.version, newBalance: posted.debit.balanceAfter, recentDebits: decision.recentDebits, statuses: DEBITABLE },
              { accountId: to.accountId, expectedVersion: to.version, newBalance: posted.credit.balanceAfter, statuses: CREDITABLE },
            ],
            records: [posted.debit, posted.credit],
            dailyDebit: { accountId: from.accountId, day: utcDay(timestamp), amount, limit: this.limits.dailyWithdrawal },
            timestamp,
          },
          completion(ctx.idempotency, result),
        );
        return result;
      }, this.retry),
    );
  }

  /**
   * The two records of a transfer and its result; shared by a transfer and the approval of a held
   * one. Throws when the credit would pass the maximum balance.
   */
  postTransfer(
    from: Account,
    to: Account,
    amount: number,
    timestamp: string,
    correlationId: string,
    extra: Pick<TransactionRecord, 'riskRules' | 'holdId'>,
  ): { debit: TransactionRecord; credit: TransactionRecord; result: TransferResult } {
    const toBalance = to.balance + amount;
    checkResultingBalance(toBalance, this.limits);
    const transferId = this.ids.transactionId();
    const debit = transactionRecord(this.ids.transactionId(), from, 'TRANSFER_OUT', amount, from.balance - amount, timestamp, correlationId, {
      counterpartyAccountId: to.accountId,
      transferId,
      ...extra,
    });
    const credit = transactionRecord(this.ids.transactionId(), to, 'TRANSFER_IN', amount, toBalance, timestamp, correlationId, {
      counterpartyAccountId: from.accountId,
      transferId,
      ...(extra.holdId ? { holdId: extra.holdId } : {}),
    });
    const result: TransferResult = {
      ...movementResult(debit),
      toAccountId: to.accountId,
      creditTransactionId: credit.transactionId,
      transferId,
    };
    return { debit, credit, result };
  }

  /** Reserves the amount (`held`) and records a pending hold; the money stays until an operator decides. */
  private async hold<R>(
    account: Account,
    debit: Pick<Hold, 'debitType' | 'amount' | 'counterpartyAccountId'>,
    decision: AcceptedDebit,
    now: Date,
    ctx: CommandContext<DebitOutcome<R>>,
  ): Promise<HeldDebit> {
    const timestamp = now.toISOString();
    const hold: Hold = {
      holdId: this.ids.transactionId(),
      accountId: account.accountId,
      ...debit,
      currency: account.currency,
      status: 'PENDING',
      createdAt: timestamp,
      expiresAt: holdExpiresAt(now, decision.policy),
      availableAfter: account.balance - account.held - debit.amount,
      correlationId: ctx.correlationId,
      notify: channelsOn(account.notifications),
    };
    const result: HeldDebit = { hold };
    await this.store.commitMovement(
      {
        changes: [
          {
            accountId: account.accountId,
            expectedVersion: account.version,
            newBalance: account.balance,
            newHeld: account.held + debit.amount,
            recentDebits: decision.recentDebits,
            statuses: DEBITABLE,
          },
        ],
        records: [],
        newHold: hold,
        timestamp,
      },
      completion(ctx.idempotency, result),
    );
    return result;
  }

  /** The account a principal may move money on; anyone else's reads as missing. */
  private async movable<R>(principal: Principal, accountId: string, ctx?: Pick<CommandContext<R>, 'idempotency'>): Promise<Account> {
    const account = (await this.readForCommand([accountId], ctx ?? {})).get(accountId);
    if (!account) throw new AccountNotFoundError(accountId);
    assertCanMove(principal, account);
    return account;
  }

  /**
   * A command's accounts, read with its Idempotency-Key's answer in one request; a key that has
   * one is answered (AlreadyAnsweredError) before anything is decided, whatever the accounts hold now.
   */
  private async readForCommand<R>(accountIds: readonly string[], ctx: Pick<CommandContext<R>, 'idempotency'>): Promise<ReadonlyMap<string, Account>> {
    const read = await this.store.readForCommand(accountIds, ctx.idempotency?.recordKey);
    if (read.answered) throw new AlreadyAnsweredError(read.answered);
    return read.accounts;
  }
}

/** A debit command's outcome: posted (its result), or held for review (202). */
export type DebitOutcome<R> = R | HeldDebit;

export interface HeldDebit {
  readonly hold: Hold;
}

export function isHeld<R extends object>(outcome: DebitOutcome<R>): outcome is HeldDebit {
  return 'hold' in outcome;
}

/** Debits need an open account; credits an open or frozen one. */
export const DEBITABLE: readonly AccountStatus[] = ['OPEN'];
export const CREDITABLE: readonly AccountStatus[] = ['OPEN', 'FROZEN'];

function movementResult(record: TransactionRecord): MovementResult {
  return {
    accountId: record.accountId,
    transactionId: record.transactionId,
    amount: record.amount,
    newBalance: record.balanceAfter,
    currency: record.currency,
    timestamp: record.timestamp,
  };
}
