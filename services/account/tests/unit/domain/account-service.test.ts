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
import { CHANNELS } from '@bank/topology';
import { InMemoryAccountStore, InMemoryCustomerStore, StaticIdentityProvider, staticPolicy } from '../../../src/testing/index';
import { isHeld, type DebitOutcome } from '../../../src/domain/account-service';

function ids(): IdGenerator {
  let n = 0;
  return { transactionId: () => `TX${String(++n).padStart(24, '0')}`, accountId: () => `acct${++n}`, token: () => `t${++n}` };
}

const clock = { now: () => new Date('2026-11-24T10:00:00Z') };
const principal = { customerId: 'sub-ada', username: 'sub-ada', operator: false };
const ctx = { principal, correlationId: 'c-1' };

/** The posted result of a debit the test expects to post (a hold fails the test). */
function posted<R extends object>(outcome: DebitOutcome<R>): R {
  if (isHeld(outcome)) throw new Error('expected the debit to post, it was held');
  return outcome;
}

function setup(limits = { maxTransaction: 100_000, dailyWithdrawal: 150_000, maxBalance: 10_000_000 }) {
  const customers = new InMemoryCustomerStore();
  const store = new InMemoryAccountStore(customers);
  const identity = new StaticIdentityProvider().add('sub-ada', {
    customerId: 'sub-ada',
    contacts: { email: { value: 'ada@example.com', verified: true }, phone: { value: '+15555550100', verified: false } },
  });
  const service = new AccountService({ store, customers, identity, channels: CHANNELS, policies: staticPolicy(), clock, ids: ids(), limits, retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 } });
  return { store, customers, identity, service };
}

describe('AccountService', () => {
  it('opens an account with an opening deposit record', async () => {
    const { store, service } = setup();
    const account = await service.openAccount({ initialDeposit: 5000 }, ctx);
    expect(account).toMatchObject({ balance: 5000, currency: 'USD', version: 1, notifications: { email: true, sms: false, whatsapp: false } });
    expect(store.transactions).toEqual([expect.objectContaining({ type: 'DEPOSIT', amount: 5000, balanceAfter: 5000, correlationId: 'c-1', notify: ['email'] })]);
  });

  it('turns SMS on by default only when the phone number is verified', async () => {
    const { service, identity } = setup();
    expect((await service.openAccount({}, ctx)).notifications.sms).toBe(false);
    identity.add('sub-ada', { customerId: 'sub-ada', contacts: { phone: { value: '+15555550100', verified: true } } });
    expect((await service.openAccount({}, ctx)).notifications).toEqual({ email: false, sms: true, whatsapp: false, push: false });
  });

  it('stores the identity\'s profile and links the new account to its owner', async () => {
    const { service, customers } = setup();
    const account = await service.openAccount({}, ctx);
    expect(account.ownerId).toBe('sub-ada');
    expect(customers.profiles.get('sub-ada')?.contacts.email).toEqual({ value: 'ada@example.com', verified: true });
    expect(await customers.listAccountIds('sub-ada')).toEqual([account.accountId]);
  });

  it('deposits and withdraws with exact balances in one write each', async () => {
    const { store, service } = setup();
    const { accountId } = await service.openAccount({ initialDeposit: 400_00 }, ctx);
    const writes = store.writes;
    expect((await service.deposit(accountId, 100_00, ctx)).newBalance).toBe(500_00);
    expect(posted(await service.withdraw(accountId, 50_00, ctx)).newBalance).toBe(450_00);
    expect(store.writes - writes).toBe(2);
  });

  it('refuses a withdrawal above the balance and writes nothing', async () => {
    const { store, service } = setup();
    const { accountId } = await service.openAccount({ initialDeposit: 10 }, ctx);
    const writes = store.writes;
    await expect(service.withdraw(accountId, 11, ctx)).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(store.writes).toBe(writes);
  });

  it('refuses unknown accounts', async () => {
    const { service } = setup();
    await expect(service.deposit('missing', 1, ctx)).rejects.toBeInstanceOf(AccountNotFoundError);
  });

  it('answers another customer\'s account like a missing one and moves nothing', async () => {
    const { store, service, identity } = setup();
    const { accountId } = await service.openAccount({ initialDeposit: 100 }, ctx);
    identity.add('sub-eve', { customerId: 'sub-eve', contacts: {} });
    const eve = { principal: { customerId: 'sub-eve', username: 'sub-eve', operator: false }, correlationId: 'c-2' };
    const writes = store.writes;
    await expect(service.withdraw(accountId, 1, eve)).rejects.toThrow(new AccountNotFoundError(accountId));
    await expect(service.deposit(accountId, 1, eve)).rejects.toBeInstanceOf(AccountNotFoundError);
    await expect(service.getAccount(eve.principal, accountId)).rejects.toBeInstanceOf(AccountNotFoundError);
    await expect(service.listTransactions(eve.principal, accountId, 10)).rejects.toBeInstanceOf(AccountNotFoundError);
    expect(store.writes).toBe(writes);
  });

  it('lets an operator move money on any account', async () => {
    const { service } = setup();
    const { accountId } = await service.openAccount({ initialDeposit: 100 }, ctx);
    const ops = { principal: { customerId: 'sub-ops', username: 'sub-ops', operator: true }, correlationId: 'c-3' };
    expect(posted(await service.withdraw(accountId, 40, ops)).newBalance).toBe(60);
  });

  it('refuses amounts above the per-transaction maximum', async () => {
    const { service } = setup();
    const { accountId } = await service.openAccount({}, ctx);
    await expect(service.deposit(accountId, 100_001, ctx)).rejects.toBeInstanceOf(LimitExceededError);
  });

  it('counts withdrawals and outgoing transfers toward the daily limit', async () => {
    const { service } = setup();
    const a = await service.openAccount({ initialDeposit: 100_000 }, ctx);
    const b = await service.openAccount({}, ctx);
    await service.deposit(a.accountId, 100_000, ctx);
    await service.withdraw(a.accountId, 100_000, ctx);
    await service.transfer(a.accountId, b.accountId, 50_000, ctx);
    await expect(service.withdraw(a.accountId, 1, ctx)).rejects.toBeInstanceOf(LimitExceededError);
  });

  it('moves both balances of a transfer and links the two records', async () => {
    const { store, service } = setup();
    const a = await service.openAccount({ initialDeposit: 1000 }, ctx);
    const b = await service.openAccount({}, ctx);
    const result = posted(await service.transfer(a.accountId, b.accountId, 250, ctx));
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
    const { accountId } = await service.openAccount({ initialDeposit: 100 }, ctx);
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
    const { accountId } = await service.openAccount({ initialDeposit: 100 }, ctx);
    store.commitMovement = async () => {
      throw new VersionConflictError();
    };
    await expect(service.deposit(accountId, 1, ctx)).rejects.toBeInstanceOf(ContentionError);
    expect(store.accounts.get(accountId)?.balance).toBe(100);
  });
});
