import {
  AccountNotFoundError,
  InsufficientFundsError,
  SameAccountError,
} from './errors';
import { KeyedLock } from './keyed-lock';
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
  IdempotencyCompletion,
  MovementPlan,
  NotificationPreferences,
  Owner,
  StoredResponse,
  TransactionPage,
  TransactionRecord,
  TransactionType,
} from './model';
import type { AccountStore, Clock, IdGenerator } from './ports';
import { DEFAULT_RETRY, retryOnConflict, type RetryPolicy } from './retry';

export interface AccountServiceDeps {
  readonly store: AccountStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
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
  readonly correlationId: string;
  readonly idempotency?: PendingIdempotency<R>;
}

export interface OpenAccountInput {
  readonly accountId?: string;
  readonly owner: Owner;
  readonly notifications?: Partial<NotificationPreferences>;
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

export const DEFAULT_CURRENCY = 'USD';

/** Channel defaults when the customer does not say: email on, SMS on when there is a phone. */
export function defaultNotifications(owner: Owner, requested: Partial<NotificationPreferences> = {}): NotificationPreferences {
  return {
    email: requested.email ?? true,
    sms: requested.sms ?? owner.phone !== undefined,
    whatsapp: requested.whatsapp ?? false,
    push: requested.push ?? false,
  };
}

/**
 * The checking-account core: decides every command from the state it reads and commits it as
 * one conditional write. Knows nothing about HTTP or DynamoDB.
 */
export class AccountService {
  private readonly store: AccountStore;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly limits: Limits;
  private readonly retry: RetryPolicy;
  private readonly locks = new KeyedLock();

  constructor(deps: AccountServiceDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.limits = deps.limits ?? DEFAULT_LIMITS;
    this.retry = deps.retry ?? DEFAULT_RETRY;
  }

  async openAccount(input: OpenAccountInput, ctx: CommandContext<Account>): Promise<Account> {
    const initial = input.initialDeposit ?? 0;
    if (initial > 0) checkTransactionAmount(initial, this.limits);
    const timestamp = this.clock.now().toISOString();
    const accountId = input.accountId ?? this.ids.accountId();
    const currency = input.currency ?? DEFAULT_CURRENCY;
    const account: Account = {
      accountId,
      balance: initial,
      currency,
      version: 1,
      owner: input.owner,
      notifications: defaultNotifications(input.owner, input.notifications),
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    const records: TransactionRecord[] =
      initial > 0
        ? [this.record(account, 'DEPOSIT', initial, initial, timestamp, ctx.correlationId)]
        : [];
    const plan: MovementPlan = { changes: [], records, timestamp };
    await this.store.createAccount(account, plan, completion(ctx, account));
    return account;
  }

  async getAccount(accountId: string): Promise<Account> {
    const account = await this.store.getAccount(accountId);
    if (!account) throw new AccountNotFoundError(accountId);
    return account;
  }

  async listTransactions(accountId: string, limit: number, cursor?: string): Promise<TransactionPage> {
    const [account, page] = await Promise.all([
      this.store.getAccount(accountId),
      this.store.listTransactions(accountId, limit, cursor),
    ]);
    if (!account) throw new AccountNotFoundError(accountId);
    return page;
  }

  async deposit(accountId: string, amount: number, ctx: CommandContext<MovementResult>): Promise<MovementResult> {
    checkTransactionAmount(amount, this.limits);
    return this.locks.run([accountId], () =>
      retryOnConflict(async () => {
        const account = await this.getAccount(accountId);
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
        const account = await this.getAccount(accountId);
        if (account.balance < amount) throw new InsufficientFundsError();
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
        if (!to) throw new AccountNotFoundError(toAccountId);
        if (from.balance < amount) throw new InsufficientFundsError();
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

function channelsOn(preferences: NotificationPreferences): string[] {
  return Object.entries(preferences).flatMap(([channel, on]) => (on ? [channel] : []));
}

function completion<R>(ctx: CommandContext<R>, result: R): IdempotencyCompletion | undefined {
  if (!ctx.idempotency) return undefined;
  return { recordKey: ctx.idempotency.recordKey, token: ctx.idempotency.token, response: ctx.idempotency.render(result) };
}
