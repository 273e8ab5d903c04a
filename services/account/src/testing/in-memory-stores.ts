import type { RegistryCounts } from '../domain/channels';
import type { RegistryEntry } from '../domain/registry';
import { HoldAlreadyDecidedError } from '@bank/risk-policy';
import { AccountExistsError, AccountNotFoundError, AlreadyAnsweredError, LimitExceededError, VersionConflictError } from '../domain/errors';
import type {
  Account,
  ChannelDisabled,
  CustomerProfile,
  Hold,
  HoldStatus,
  IdempotencyCompletion,
  MovementPlan,
  NotificationPreferences,
  StatusChange,
  StoredAnswer,
  TransactionPage,
  TransactionRecord,
} from '../domain/model';
import type { AccountStore, CommandRead, CustomerStore, HoldPage, IdentityProvider } from '../domain/ports';

/**
 * In-memory stores with the same conditional semantics as the DynamoDB adapters (all-or-nothing
 * commits, version checks, daily counters, answers created once per Idempotency-Key), for tests of the core.
 */
export class InMemoryAccountStore implements AccountStore {
  readonly accounts = new Map<string, Account>();
  readonly transactions: TransactionRecord[] = [];
  readonly daily = new Map<string, number>();
  readonly answers = new Map<string, StoredAnswer>();
  reads = 0;
  readonly holds = new Map<string, Hold>();
  readonly statusChanges: StatusChange[] = [];
  writes = 0;

  /** Optionally the customer store to link new accounts into (as the DynamoDB adapter's transaction does). */
  constructor(private readonly customers?: InMemoryCustomerStore) {}

  async getAccount(accountId: string): Promise<Account | undefined> {
    return this.accounts.get(accountId);
  }

  async getAccounts(ids: readonly string[]): Promise<ReadonlyMap<string, Account>> {
    return new Map(ids.flatMap((id) => (this.accounts.has(id) ? [[id, this.accounts.get(id) as Account] as const] : [])));
  }

  async readForCommand(ids: readonly string[], idempotencyRecordKey?: string): Promise<CommandRead> {
    this.reads++;
    const answered = idempotencyRecordKey === undefined ? undefined : this.answers.get(idempotencyRecordKey);
    return { accounts: await this.getAccounts(ids), ...(answered ? { answered } : {}) };
  }

  async answerOf(idempotencyRecordKey: string): Promise<StoredAnswer | undefined> {
    this.reads++;
    return this.answers.get(idempotencyRecordKey);
  }

  async rememberAnswer(answer: IdempotencyCompletion): Promise<boolean> {
    if (this.answers.has(answer.recordKey)) return false;
    this.writes++;
    this.answers.set(answer.recordKey, { requestHash: answer.requestHash, response: answer.response });
    return true;
  }

  async createAccount(account: Account, plan: MovementPlan, idem?: IdempotencyCompletion): Promise<void> {
    this.checkIdempotency(idem);
    if (this.accounts.has(account.accountId)) throw new AccountExistsError(account.accountId);
    this.writes++;
    this.accounts.set(account.accountId, account);
    this.customers?.link(account.ownerId, account.accountId);
    this.transactions.push(...plan.records);
    this.complete(idem);
  }

  async commitMovement(plan: MovementPlan, idem?: IdempotencyCompletion): Promise<void> {
    this.checkIdempotency(idem);
    for (const change of plan.changes) {
      const account = this.accounts.get(change.accountId);
      if (account?.version !== change.expectedVersion || !change.statuses.includes(account.status)) throw new VersionConflictError();
    }
    if (plan.decidedHold && this.holds.get(plan.decidedHold.holdId)?.status !== 'PENDING') throw new HoldAlreadyDecidedError('decided');
    const dailyKey = plan.dailyDebit && `${plan.dailyDebit.accountId}#${plan.dailyDebit.day}`;
    if (plan.dailyDebit && dailyKey) {
      const spent = this.daily.get(dailyKey) ?? 0;
      if (spent > plan.dailyDebit.limit - plan.dailyDebit.amount) throw new LimitExceededError('daily limit');
    }
    this.writes++;
    for (const change of plan.changes) {
      const account = this.accounts.get(change.accountId) as Account;
      this.accounts.set(change.accountId, {
        ...account,
        balance: change.newBalance,
        ...(change.newHeld !== undefined ? { held: change.newHeld } : {}),
        ...(change.recentDebits !== undefined ? { recentDebits: change.recentDebits } : {}),
        version: account.version + 1,
        updatedAt: plan.timestamp,
      });
    }
    if (plan.newHold) this.holds.set(plan.newHold.holdId, plan.newHold);
    if (plan.decidedHold) this.holds.set(plan.decidedHold.holdId, plan.decidedHold);
    if (plan.dailyDebit && dailyKey) this.daily.set(dailyKey, (this.daily.get(dailyKey) ?? 0) + plan.dailyDebit.amount);
    this.transactions.push(...plan.records);
    this.complete(idem);
  }

  async changeStatus(change: StatusChange, expectedVersion: number, options: { readonly requireEmpty: boolean }): Promise<void> {
    const account = this.accounts.get(change.accountId);
    if (!account || account.version !== expectedVersion) throw new VersionConflictError();
    if (options.requireEmpty && (account.balance !== 0 || account.held !== 0)) throw new VersionConflictError();
    this.writes++;
    this.accounts.set(change.accountId, { ...account, status: change.status, version: account.version + 1, updatedAt: change.at });
    this.statusChanges.push(change);
  }

  readonly channelChanges: ChannelDisabled[] = [];

  async turnChannelOff(change: ChannelDisabled, accountIds: readonly string[]): Promise<boolean> {
    if (accountIds.some((id) => this.accounts.get(id)?.notifications[change.channel] !== true)) return false;
    for (const id of accountIds) {
      const account = this.accounts.get(id) as Account;
      this.accounts.set(id, { ...account, notifications: { ...account.notifications, [change.channel]: false } });
    }
    this.channelChanges.push(change);
    return true;
  }

  async getHold(holdId: string): Promise<Hold | undefined> {
    return this.holds.get(holdId);
  }

  async listHolds(status: HoldStatus, limit: number, cursor?: string): Promise<HoldPage> {
    const all = [...this.holds.values()].filter((h) => h.status === status).sort((a, b) => (a.createdAt + a.holdId).localeCompare(b.createdAt + b.holdId));
    const from = cursor === undefined ? 0 : all.findIndex((h) => h.holdId === cursor) + 1;
    const items = all.slice(from, from + limit);
    const last = items[items.length - 1];
    return { items, nextCursor: from + limit < all.length && last ? last.holdId : null };
  }

  async listDueHolds(now: string, limit: number): Promise<Hold[]> {
    return [...this.holds.values()].filter((h) => h.status === 'PENDING' && h.expiresAt <= now).slice(0, limit);
  }

  async updatePreferences(accountId: string, changes: NotificationPreferences, timestamp: string): Promise<Account> {
    const account = this.accounts.get(accountId);
    if (!account) throw new AccountNotFoundError(accountId);
    const updated = { ...account, notifications: { ...account.notifications, ...changes }, updatedAt: timestamp };
    this.accounts.set(accountId, updated);
    return updated;
  }

  async listTransactions(accountId: string, limit: number, cursor?: string): Promise<TransactionPage> {
    const mine = this.transactions
      .filter((t) => t.accountId === accountId)
      .sort((a, b) => (a.transactionId < b.transactionId ? 1 : -1))
      .filter((t) => cursor === undefined || t.transactionId < cursor);
    const items = mine.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: mine.length > limit && last ? last.transactionId : null };
  }

  /** The key's answer is created with the write, once: a second commit under the key answers with the first's. */
  private checkIdempotency(idem?: IdempotencyCompletion): void {
    const answered = idem && this.answers.get(idem.recordKey);
    if (answered) throw new AlreadyAnsweredError(answered);
  }

  private complete(idem?: IdempotencyCompletion): void {
    if (idem) this.answers.set(idem.recordKey, { requestHash: idem.requestHash, response: idem.response });
  }
}

/** CustomerStore in memory: profiles, account links and registry entry counts. */
export class InMemoryCustomerStore implements CustomerStore {
  readonly profiles = new Map<string, CustomerProfile>();
  readonly accountIds = new Map<string, string[]>();
  readonly entries = new Map<string, RegistryEntry[]>();

  async getProfile(customerId: string): Promise<CustomerProfile | undefined> {
    return this.profiles.get(customerId);
  }

  async saveProfile(profile: CustomerProfile): Promise<void> {
    this.profiles.set(profile.customerId, profile);
  }

  async listAccountIds(customerId: string): Promise<string[]> {
    return [...(this.accountIds.get(customerId) ?? [])];
  }

  async registryCounts(customerId: string): Promise<RegistryCounts> {
    const counts: Record<string, number> = {};
    for (const entry of this.entries.get(customerId) ?? []) counts[entry.registry] = (counts[entry.registry] ?? 0) + 1;
    return counts;
  }

  async listRegistryEntries(customerId: string, registry: string): Promise<RegistryEntry[]> {
    return (this.entries.get(customerId) ?? []).filter((e) => e.registry === registry);
  }

  async putRegistryEntry(customerId: string, entry: RegistryEntry): Promise<void> {
    const others = (this.entries.get(customerId) ?? []).filter((e) => !(e.registry === entry.registry && e.entryId === entry.entryId));
    this.entries.set(customerId, [...others, entry]);
  }

  async deleteRegistryEntry(customerId: string, registry: string, entryId: string): Promise<boolean> {
    const all = this.entries.get(customerId) ?? [];
    const kept = all.filter((e) => !(e.registry === registry && e.entryId === entryId));
    this.entries.set(customerId, kept);
    return kept.length < all.length;
  }

  link(customerId: string, accountId: string): void {
    this.accountIds.set(customerId, [...(this.accountIds.get(customerId) ?? []), accountId]);
  }
}

/** An identity provider that knows a fixed set of users, by username and by sub. */
export class StaticIdentityProvider implements IdentityProvider {
  readonly users = new Map<string, Omit<CustomerProfile, 'updatedAt'>>();

  add(username: string, profile: Omit<CustomerProfile, 'updatedAt'>): this {
    this.users.set(username, profile);
    this.users.set(profile.customerId, profile);
    return this;
  }

  async lookup(username: string): Promise<Omit<CustomerProfile, 'updatedAt'> | undefined> {
    return this.users.get(username);
  }
}
