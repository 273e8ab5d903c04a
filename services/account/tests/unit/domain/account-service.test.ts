import { AccountService } from '../../../src/domain/account-service';
import {
  AccountNotFoundError,
  ContentionError,
  InsufficientFundsError,
  LimitExceededError,
  SameAccountError,
  VersionConflictError,
} from '../../../src/domain/errors';
import type { IdGenerator } from '../../../src/domain/ports';
import { InMemoryAccountStore } from '../../../src/testing/index';

function ids(): IdGenerator {
  let n = 0;
  return { transactionId: () => `TX${String(++n).padStart(24, '0')}`, accountId: () => `acct${++n}`, token: () => `t${++n}` };
}

const clock = { now: () => new Date('2026-11-24T10:00:00Z') };
const ctx = { correlationId: 'c-1' };
const owner = { name: 'Ada', email: 'ada@example.com' };

function setup(limits = { maxTransaction: 100_000, dailyWithdrawal: 150_000, maxBalance: 10_000_000 }) {
  const store = new InMemoryAccountStore();
  const service = new AccountService({ store, clock, ids: ids(), limits, retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 } });
  return { store, service };
}

describe('AccountService', () => {
  it('opens an account with an opening deposit record', async () => {
    const { store, service } = setup();
    const account = await service.openAccount({ owner, initialDeposit: 5000 }, ctx);
    expect(account).toMatchObject({ balance: 5000, currency: 'USD', version: 1, notifications: { email: true, sms: false } });
    expect(store.transactions).toEqual([expect.objectContaining({ type: 'DEPOSIT', amount: 5000, balanceAfter: 5000, correlationId: 'c-1', notify: ['email'] })]);
  });

  it('turns SMS on by default only when there is a phone number', async () => {
    const { service } = setup();
    const account = await service.openAccount({ owner: { ...owner, phone: '+15555550100' } }, ctx);
    expect(account.notifications.sms).toBe(true);
  });

  it('deposits and withdraws with exact balances in one write each', async () => {
    const { store, service } = setup();
    const { accountId } = await service.openAccount({ owner, initialDeposit: 400_00 }, ctx);
    const writes = store.writes;
    expect((await service.deposit(accountId, 100_00, ctx)).newBalance).toBe(500_00);
    expect((await service.withdraw(accountId, 50_00, ctx)).newBalance).toBe(450_00);
    expect(store.writes - writes).toBe(2);
  });

  it('refuses a withdrawal above the balance and writes nothing', async () => {
    const { store, service } = setup();
    const { accountId } = await service.openAccount({ owner, initialDeposit: 10 }, ctx);
    const writes = store.writes;
    await expect(service.withdraw(accountId, 11, ctx)).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(store.writes).toBe(writes);
  });

  it('refuses unknown accounts', async () => {
    const { service } = setup();
    await expect(service.deposit('missing', 1, ctx)).rejects.toBeInstanceOf(AccountNotFoundError);
  });

  it('refuses amounts above the per-transaction maximum', async () => {
    const { service } = setup();
    const { accountId } = await service.openAccount({ owner }, ctx);
    await expect(service.deposit(accountId, 100_001, ctx)).rejects.toBeInstanceOf(LimitExceededError);
  });

  it('counts withdrawals and outgoing transfers toward the daily limit', async () => {
    const { service } = setup();
    const a = await service.openAccount({ owner, initialDeposit: 100_000 }, ctx);
    const b = await service.openAccount({ owner }, ctx);
    await service.deposit(a.accountId, 100_000, ctx);
    await service.withdraw(a.accountId, 100_000, ctx);
    await service.transfer(a.accountId, b.accountId, 50_000, ctx);
    await expect(service.withdraw(a.accountId, 1, ctx)).rejects.toBeInstanceOf(LimitExceededError);
  });

  it('moves both balances of a transfer and links the two records', async () => {
    const { store, service } = setup();
    const a = await service.openAccount({ owner, initialDeposit: 1000 }, ctx);
    const b = await service.openAccount({ owner }, ctx);
    const result = await service.transfer(a.accountId, b.accountId, 250, ctx);
    expect(result.newBalance).toBe(750);
    expect(store.accounts.get(b.accountId)?.balance).toBe(250);
    const [debit, credit] = store.transactions.slice(-2);
    expect(debit).toMatchObject({ type: 'TRANSFER_OUT', counterpartyAccountId: b.accountId, transferId: result.transferId });
    expect(credit).toMatchObject({ type: 'TRANSFER_IN', counterpartyAccountId: a.accountId, transferId: result.transferId });
  });

  it('refuses a transfer to the same account', async () => {
    const { service } = setup();
    await expect(service.transfer('a', 'a', 1, ctx)).rejects.toBeInstanceOf(SameAccountError);
  });

  it('retries a lost version race and then succeeds', async () => {
    const { store, service } = setup();
    const { accountId } = await service.openAccount({ owner, initialDeposit: 100 }, ctx);
    const commit = store.commitMovement.bind(store);
    let failures = 1;
    store.commitMovement = async (plan, idem) => {
      if (failures-- > 0) throw new VersionConflictError();
      return commit(plan, idem);
    };
    expect((await service.deposit(accountId, 1, ctx)).newBalance).toBe(101);
  });

  it('gives up with a ContentionError after the retry budget, having written nothing', async () => {
    const { store, service } = setup();
    const { accountId } = await service.openAccount({ owner, initialDeposit: 100 }, ctx);
    store.commitMovement = async () => {
      throw new VersionConflictError();
    };
    await expect(service.deposit(accountId, 1, ctx)).rejects.toBeInstanceOf(ContentionError);
    expect(store.accounts.get(accountId)?.balance).toBe(100);
  });
});
