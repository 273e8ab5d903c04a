import { decideHold, HoldDecisionError, type HoldDecision } from '@bank/risk-policy';
import { assertCanRead, assertOperator, type Principal } from './access';
import { AccountClosedError, AccountFrozenError, AccountNotFoundError, BalanceNotZeroError, HoldNotFoundError } from './errors';
import type { KeyedLock } from './keyed-lock';
import { checkDailyWithdrawal, utcDay, type Limits } from './limits';
import type { TransferResult } from './movement-results';
import type { Account, AccountStatus, Hold, HoldStatus, MovementPlan, StatusActor, StatusChange, TransactionRecord } from './model';
import type { AccountStore, Clock, HoldPage, IdGenerator } from './ports';
import { transactionRecord } from './records';
import { retryOnConflict, type RetryPolicy } from './retry';

/** The principal the fraud detection acts as when its policy freezes an account. */
export const RISK_SERVICE_PRINCIPAL: Principal = { customerId: 'risk-service', username: 'risk-service', operator: true };

export interface ControlsDeps {
  readonly store: AccountStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly limits: Limits;
  readonly retry: RetryPolicy;
  readonly locks: KeyedLock;
  /** The records of a transfer (the account service's own), for approving a held one. */
  readonly postTransfer: (
    from: Account,
    to: Account,
    amount: number,
    timestamp: string,
    correlationId: string,
    extra: Pick<TransactionRecord, 'holdId'>,
  ) => { debit: TransactionRecord; credit: TransactionRecord; result: TransferResult };
}

/** A status command's outcome; `changed` is false when the account already had that status. */
export interface StatusResult {
  readonly account: Account;
  readonly changed: boolean;
}

const actorOf = (principal: Principal): StatusActor =>
  principal.customerId === RISK_SERVICE_PRINCIPAL.customerId ? 'risk-service' : principal.operator ? 'operator' : 'owner';

/**
 * What operators (and the fraud detection) do to accounts and to held debits: freeze, unfreeze,
 * close, and decide review holds. Every change is one conditional transaction, so a hold is
 * decided exactly once and a status never changes under a concurrent command.
 */
export class AccountControls {
  constructor(private readonly deps: ControlsDeps) {}

  async freeze(principal: Principal, accountId: string, reason: string, correlationId = ''): Promise<StatusResult> {
    assertOperator(principal, 'freeze accounts');
    return this.changeStatus(principal, accountId, 'FROZEN', correlationId, reason, (account) => {
      if (account.status === 'CLOSED') throw new AccountClosedError();
      return account.status !== 'FROZEN';
    });
  }

  async unfreeze(principal: Principal, accountId: string, reason: string | undefined, correlationId = ''): Promise<StatusResult> {
    assertOperator(principal, 'unfreeze accounts');
    return this.changeStatus(principal, accountId, 'OPEN', correlationId, reason, (account) => {
      if (account.status === 'CLOSED') throw new AccountClosedError();
      return account.status === 'FROZEN';
    });
  }

  /** The owner or an operator; a zero balance and no pending hold. A customer cannot close a frozen account. */
  async close(principal: Principal, accountId: string, correlationId = ''): Promise<StatusResult> {
    return this.changeStatus(principal, accountId, 'CLOSED', correlationId, undefined, (account) => {
      assertCanRead(principal, account);
      if (account.status === 'CLOSED') return false;
      if (account.status === 'FROZEN' && !principal.operator) throw new AccountFrozenError();
      if (account.balance !== 0 || account.held !== 0) throw new BalanceNotZeroError();
      return true;
    });
  }

  async listHolds(principal: Principal, status: HoldStatus, limit: number, cursor?: string): Promise<HoldPage> {
    assertOperator(principal, 'review holds');
    return this.deps.store.listHolds(status, limit, cursor);
  }

  /** Posts a held debit: the balance falls, the reservation goes, the usual records and events follow. */
  async approveHold(principal: Principal, holdId: string, correlationId = ''): Promise<Hold> {
    assertOperator(principal, 'decide holds');
    return this.decide(holdId, { kind: 'approve', at: this.deps.clock.now(), by: principal.customerId }, correlationId);
  }

  /** Releases a held debit: its money is available again. */
  async declineHold(principal: Principal, holdId: string, reason: string, correlationId = ''): Promise<Hold> {
    assertOperator(principal, 'decide holds');
    return this.decide(holdId, { kind: 'decline', at: this.deps.clock.now(), by: principal.customerId, reason }, correlationId);
  }

  /** Declines every pending hold past its expiry time; returns how many it expired. Holds decided meanwhile are skipped. */
  async expireDueHolds(max = 100): Promise<number> {
    const now = this.deps.clock.now();
    let expired = 0;
    for (const hold of await this.deps.store.listDueHolds(now.toISOString(), max)) {
      try {
        await this.decide(hold.holdId, { kind: 'expire', at: now }, hold.correlationId);
        expired++;
      } catch (err) {
        if (!(err instanceof HoldDecisionError)) throw err;
      }
    }
    return expired;
  }

  private async changeStatus(
    principal: Principal,
    accountId: string,
    status: AccountStatus,
    correlationId: string,
    reason: string | undefined,
    applies: (account: Account) => boolean,
  ): Promise<StatusResult> {
    return this.deps.locks.run([accountId], () =>
      retryOnConflict(async () => {
        const account = await this.deps.store.getAccount(accountId);
        if (!account) throw new AccountNotFoundError(accountId);
        if (!applies(account)) return { account, changed: false };
        const change: StatusChange = {
          changeId: this.deps.ids.transactionId(),
          accountId,
          status,
          previous: account.status,
          ...(reason !== undefined ? { reason } : {}),
          by: actorOf(principal),
          at: this.deps.clock.now().toISOString(),
          correlationId,
        };
        await this.deps.store.changeStatus(change, account.version, { requireEmpty: status === 'CLOSED' });
        return { account: { ...account, status, version: account.version + 1, updatedAt: change.at }, changed: true };
      }, this.deps.retry),
    );
  }

  private async decide(holdId: string, decision: HoldDecision, correlationId: string): Promise<Hold> {
    const found = await this.deps.store.getHold(holdId);
    if (!found) throw new HoldNotFoundError(holdId);
    const ids = [found.accountId, ...(found.counterpartyAccountId ? [found.counterpartyAccountId] : [])];
    return this.deps.locks.run(ids, () =>
      retryOnConflict(async () => {
        const hold = (await this.deps.store.getHold(holdId)) ?? found;
        const decided = decideHold(hold, decision);
        const plan = decision.kind === 'approve' ? await this.approval(decided, correlationId) : await this.release(decided);
        await this.deps.store.commitMovement(plan.plan);
        return plan.hold;
      }, this.deps.retry),
    );
  }

  /** The plan that posts an approved hold: debit (and credit) records, held and balance down together. */
  private async approval(hold: Hold, correlationId: string): Promise<{ plan: MovementPlan; hold: Hold }> {
    const accounts = await this.deps.store.getAccounts([hold.accountId, ...(hold.counterpartyAccountId ? [hold.counterpartyAccountId] : [])]);
    const from = accounts.get(hold.accountId);
    if (!from) throw new AccountNotFoundError(hold.accountId);
    if (from.status === 'FROZEN') throw new AccountFrozenError();
    if (from.status === 'CLOSED') throw new AccountClosedError();
    checkDailyWithdrawal(hold.amount, this.deps.limits);
    const timestamp = hold.decidedAt ?? this.deps.clock.now().toISOString();
    const corr = correlationId || hold.correlationId;
    const sourceChange = {
      accountId: from.accountId,
      expectedVersion: from.version,
      newBalance: from.balance - hold.amount,
      newHeld: from.held - hold.amount,
      statuses: ['OPEN'] as const,
    };
    const dailyDebit = { accountId: from.accountId, day: utcDay(timestamp), amount: hold.amount, limit: this.deps.limits.dailyWithdrawal };
    if (hold.debitType === 'WITHDRAWAL') {
      const record = transactionRecord(this.deps.ids.transactionId(), from, 'WITHDRAWAL', hold.amount, sourceChange.newBalance, timestamp, corr, { holdId: hold.holdId });
      const approved = { ...hold, transactionId: record.transactionId, availableAfter: sourceChange.newBalance - sourceChange.newHeld };
      return { hold: approved, plan: { changes: [sourceChange], records: [record], dailyDebit, decidedHold: approved, timestamp } };
    }
    const to = hold.counterpartyAccountId ? accounts.get(hold.counterpartyAccountId) : undefined;
    if (!to) throw new AccountNotFoundError(hold.counterpartyAccountId ?? '');
    if (to.status === 'CLOSED') throw new AccountClosedError();
    const posted = this.deps.postTransfer(from, to, hold.amount, timestamp, corr, { holdId: hold.holdId });
    const approved = { ...hold, transactionId: posted.debit.transactionId, availableAfter: sourceChange.newBalance - sourceChange.newHeld };
    return {
      hold: approved,
      plan: {
        changes: [sourceChange, { accountId: to.accountId, expectedVersion: to.version, newBalance: posted.credit.balanceAfter, statuses: ['OPEN', 'FROZEN'] }],
        records: [posted.debit, posted.credit],
        dailyDebit,
        decidedHold: approved,
        timestamp,
      },
    };
  }

  /** The plan that releases a declined or expired hold: the reservation goes, the balance stays. */
  private async release(hold: Hold): Promise<{ plan: MovementPlan; hold: Hold }> {
    const account = await this.deps.store.getAccount(hold.accountId);
    if (!account) throw new AccountNotFoundError(hold.accountId);
    const newHeld = account.held - hold.amount;
    const released = { ...hold, availableAfter: account.balance - newHeld };
    const timestamp = hold.decidedAt ?? this.deps.clock.now().toISOString();
    return {
      hold: released,
      plan: {
        changes: [{ accountId: account.accountId, expectedVersion: account.version, newBalance: account.balance, newHeld, statuses: ['OPEN', 'FROZEN', 'CLOSED'] }],
        records: [],
        decidedHold: released,
        timestamp,
      },
    };
  }
}
