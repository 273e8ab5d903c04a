import { DEFAULT_RISK_POLICY, HoldAlreadyDecidedError, HoldExpiredError, type RiskPolicy } from '@bank/risk-policy';
import { CHANNELS } from '@bank/topology';
import { AccountService, isHeld, type DebitOutcome } from '../../../src/domain/account-service';
import {
  AccountClosedError,
  AccountFrozenError,
  BalanceNotZeroError,
  ForbiddenError,
  InsufficientFundsError,
  LimitExceededError,
  VelocityLimitError,
} from '../../../src/domain/errors';
import { InMemoryAccountStore, InMemoryCustomerStore, PERMISSIVE_RISK_POLICY, StaticIdentityProvider, staticPolicy } from '../../../src/testing/index';

const customer = { customerId: 'sub-ada', username: 'sub-ada', operator: false };
const operator = { customerId: 'sub-ops', username: 'sub-ops', operator: true };
const as = (principal: typeof customer) => ({ principal, correlationId: 'c-1' });

let now = new Date('2026-11-24T10:00:00Z');
const clock = { now: () => now };

function setup(policy: RiskPolicy = { ...PERMISSIVE_RISK_POLICY, reviewAmount: 10_000_00 }) {
  let n = 0;
  const customers = new InMemoryCustomerStore();
  const store = new InMemoryAccountStore(customers);
  const identity = new StaticIdentityProvider().add('sub-ada', { customerId: 'sub-ada', contacts: { email: { value: 'a@example.com', verified: true } } });
  const ids = { transactionId: () => `01J${String(++n).padStart(23, '0')}`, accountId: () => `acct${++n}`, token: () => `t${++n}` };
  const service = new AccountService({ store, customers, identity, channels: CHANNELS, policies: staticPolicy(policy), clock, ids, retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 } });
  return { store, service };
}

async function open(service: AccountService, deposit: number): Promise<string> {
  return (await service.openAccount({ initialDeposit: deposit }, as(customer))).accountId;
}

function held<R extends object>(outcome: DebitOutcome<R>) {
  if (!isHeld(outcome)) throw new Error('expected a hold');
  return outcome.hold;
}

beforeEach(() => {
  now = new Date('2026-11-24T10:00:00Z');
});

describe('review holds', () => {
  it('holds a debit at the review amount: the balance stays, the available balance falls', async () => {
    const { store, service } = setup();
    const id = await open(service, 15_000_00);
    const hold = held(await service.withdraw(id, 10_000_00, as(customer)));
    expect(hold).toMatchObject({ status: 'PENDING', amount: 10_000_00, availableAfter: 5_000_00, debitType: 'WITHDRAWAL' });
    expect(store.accounts.get(id)).toMatchObject({ balance: 15_000_00, held: 10_000_00 });
    expect(store.transactions.filter((t) => t.type === 'WITHDRAWAL')).toEqual([]);
  });

  it('checks the available money when the hold is made, so held money cannot be spent twice', async () => {
    const { service } = setup();
    const id = await open(service, 15_000_00);
    held(await service.withdraw(id, 12_000_00, as(customer)));
    await expect(service.withdraw(id, 3_000_01, as(customer))).rejects.toBeInstanceOf(InsufficientFundsError);
    await expect(service.withdraw(id, 12_000_00, as(customer))).rejects.toBeInstanceOf(InsufficientFundsError);
  });

  it('posts an approved hold once: balance and held fall together, the record names the hold', async () => {
    const { store, service } = setup();
    const id = await open(service, 15_000_00);
    const hold = held(await service.withdraw(id, 12_000_00, as(customer)));
    const approved = await service.approveHold(operator, hold.holdId);
    expect(approved).toMatchObject({ status: 'APPROVED', decidedBy: 'sub-ops', transactionId: expect.any(String) });
    expect(store.accounts.get(id)).toMatchObject({ balance: 3_000_00, held: 0 });
    expect(store.transactions.filter((t) => t.type === 'WITHDRAWAL')).toEqual([expect.objectContaining({ amount: 12_000_00, balanceAfter: 3_000_00, holdId: hold.holdId })]);
    await expect(service.approveHold(operator, hold.holdId)).rejects.toBeInstanceOf(HoldAlreadyDecidedError);
    await expect(service.declineHold(operator, hold.holdId, 'late')).rejects.toBeInstanceOf(HoldAlreadyDecidedError);
    expect(store.accounts.get(id)?.balance).toBe(3_000_00);
  });

  it('posts both sides of an approved held transfer', async () => {
    const { store, service } = setup();
    const from = await open(service, 20_000_00);
    const to = await open(service, 0);
    const hold = held(await service.transfer(from, to, 11_000_00, as(customer)));
    expect(hold).toMatchObject({ debitType: 'TRANSFER', counterpartyAccountId: to });
    expect(store.accounts.get(to)?.balance).toBe(0);
    await service.approveHold(operator, hold.holdId);
    expect([store.accounts.get(from)?.balance, store.accounts.get(to)?.balance]).toEqual([9_000_00, 11_000_00]);
  });

  it('releases a declined hold: the money is available again and nothing is posted', async () => {
    const { store, service } = setup();
    const id = await open(service, 15_000_00);
    const hold = held(await service.withdraw(id, 12_000_00, as(customer)));
    expect(await service.declineHold(operator, hold.holdId, 'customer did not confirm')).toMatchObject({ status: 'DECLINED', reason: 'customer did not confirm', availableAfter: 15_000_00 });
    expect(store.accounts.get(id)).toMatchObject({ balance: 15_000_00, held: 0 });
  });

  it('expires undecided holds past their time, and only those', async () => {
    const { store, service } = setup({ ...PERMISSIVE_RISK_POLICY, reviewAmount: 10_000_00, holdExpiryMinutes: 60 });
    const id = await open(service, 50_000_00);
    const first = held(await service.withdraw(id, 10_000_00, as(customer)));
    now = new Date('2026-11-24T10:30:00Z');
    const second = held(await service.withdraw(id, 10_000_00, as(customer)));
    now = new Date('2026-11-24T11:00:00Z');
    expect(await service.expireDueHolds()).toBe(1);
    expect(store.holds.get(first.holdId)).toMatchObject({ status: 'EXPIRED', decidedBy: 'system', reason: 'expired' });
    expect(store.holds.get(second.holdId)?.status).toBe('PENDING');
    expect(store.accounts.get(id)?.held).toBe(10_000_00);
    await expect(service.approveHold(operator, first.holdId)).rejects.toBeInstanceOf(HoldAlreadyDecidedError);
  });

  it('refuses a decision after the expiry time, before the sweep got to it', async () => {
    const { service } = setup({ ...PERMISSIVE_RISK_POLICY, reviewAmount: 10_000_00, holdExpiryMinutes: 1 });
    const id = await open(service, 20_000_00);
    const hold = held(await service.withdraw(id, 10_000_00, as(customer)));
    now = new Date('2026-11-24T10:05:00Z');
    await expect(service.approveHold(operator, hold.holdId)).rejects.toBeInstanceOf(HoldExpiredError);
  });

  it('lets only operators decide and list holds', async () => {
    const { service } = setup();
    const id = await open(service, 15_000_00);
    const hold = held(await service.withdraw(id, 10_000_00, as(customer)));
    await expect(service.approveHold(customer, hold.holdId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.listHolds(customer, 'PENDING', 10)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await service.listHolds(operator, 'PENDING', 10)).items.map((h) => h.holdId)).toEqual([hold.holdId]);
  });
});

describe('synchronous rules', () => {
  it('refuses the debit past the velocity limit and writes nothing', async () => {
    const { store, service } = setup({ ...PERMISSIVE_RISK_POLICY, velocity: { maxDebits: 2, windowMinutes: 60 } });
    const id = await open(service, 100_00);
    await service.withdraw(id, 1_00, as(customer));
    await service.withdraw(id, 1_00, as(customer));
    const writes = store.writes;
    await expect(service.withdraw(id, 1_00, as(customer))).rejects.toBeInstanceOf(VelocityLimitError);
    expect(store.writes).toBe(writes);
    now = new Date('2026-11-24T11:01:00Z');
    await expect(service.withdraw(id, 1_00, as(customer))).resolves.toMatchObject({ newBalance: 97_00 });
  });

  it('caps debits of a new account', async () => {
    const { service } = setup({ ...PERMISSIVE_RISK_POLICY, newAccount: { days: 7, maxDebit: 2_500_00 } });
    const id = await open(service, 10_000_00);
    await expect(service.withdraw(id, 2_500_01, as(customer))).rejects.toBeInstanceOf(LimitExceededError);
    await expect(service.withdraw(id, 2_500_00, as(customer))).resolves.toMatchObject({ newBalance: 7_500_00 });
  });

  it('in shadow mode refuses and holds nothing, and records what would have fired', async () => {
    const { store, service } = setup({ ...DEFAULT_RISK_POLICY, mode: 'shadow', velocity: { maxDebits: 1, windowMinutes: 60 } });
    const id = await open(service, 20_000_00);
    await service.withdraw(id, 1_00, as(customer));
    const outcome = await service.withdraw(id, 12_000_00, as(customer));
    expect(isHeld(outcome)).toBe(false);
    expect(store.transactions.at(-1)).toMatchObject({ type: 'WITHDRAWAL', riskRules: ['velocity', 'newAccount', 'review'] });
  });
});

describe('account status', () => {
  it('a frozen account refuses debits and accepts credits until unfrozen', async () => {
    const { service } = setup();
    const id = await open(service, 100_00);
    const other = await open(service, 100_00);
    expect(await service.freeze(operator, id, 'case 1')).toMatchObject({ changed: true, account: { status: 'FROZEN' } });
    expect((await service.freeze(operator, id, 'again')).changed).toBe(false);
    await expect(service.withdraw(id, 1_00, as(customer))).rejects.toBeInstanceOf(AccountFrozenError);
    await expect(service.transfer(id, other, 1_00, as(customer))).rejects.toBeInstanceOf(AccountFrozenError);
    await expect(service.deposit(id, 1_00, as(customer))).resolves.toMatchObject({ newBalance: 101_00 });
    await expect(service.transfer(other, id, 1_00, as(customer))).resolves.toMatchObject({ newBalance: 99_00 });
    await service.unfreeze(operator, id, 'cleared');
    await expect(service.withdraw(id, 1_00, as(customer))).resolves.toMatchObject({ newBalance: 101_00 });
  });

  it('only operators freeze and unfreeze', async () => {
    const { service } = setup();
    const id = await open(service, 100_00);
    await expect(service.freeze(customer, id, 'mine')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.unfreeze(customer, id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('closes only an empty account without a pending hold; a closed account refuses every movement', async () => {
    const { service } = setup();
    const id = await open(service, 15_000_00);
    const hold = held(await service.withdraw(id, 10_000_00, as(customer)));
    await service.withdraw(id, 5_000_00, as(customer));
    await expect(service.close(customer, id)).rejects.toBeInstanceOf(BalanceNotZeroError);
    await service.approveHold(operator, hold.holdId);
    expect(await service.close(customer, id)).toMatchObject({ changed: true, account: { status: 'CLOSED', balance: 0 } });
    await expect(service.deposit(id, 1_00, as(customer))).rejects.toBeInstanceOf(AccountClosedError);
    await expect(service.withdraw(id, 1_00, as(customer))).rejects.toBeInstanceOf(AccountClosedError);
    await expect(service.freeze(operator, id, 'x')).rejects.toBeInstanceOf(AccountClosedError);
    expect((await service.getAccount(customer, id)).status).toBe('CLOSED');
  });

  it('records each change with who made it', async () => {
    const { store, service } = setup();
    const id = await open(service, 0);
    await service.freeze(operator, id, 'case 7');
    await service.unfreeze(operator, id);
    await service.close(customer, id);
    expect(store.statusChanges.map((c) => [c.previous, c.status, c.by])).toEqual([
      ['OPEN', 'FROZEN', 'operator'],
      ['FROZEN', 'OPEN', 'operator'],
      ['OPEN', 'CLOSED', 'owner'],
    ]);
  });
});

describe('disabling a channel that cannot reach the customer', () => {
  const reason = { code: 'hard-bounce' as const, provider: 'sendgrid', deliveryId: 'evt-1#email' };

  it('turns it off on every account of the customer and records why, once', async () => {
    const { store, service } = setup();
    const first = await open(service, 1);
    const second = (await service.openAccount({ notifications: { email: true } }, as(customer))).accountId;
    expect(await service.disableChannel('sub-ada', 'email', { ...reason, accountId: second })).toEqual({ changed: true });
    expect([store.accounts.get(first)?.notifications.email, store.accounts.get(second)?.notifications.email]).toEqual([false, false]);
    expect(store.channelChanges).toEqual([expect.objectContaining({ accountId: second, channel: 'email', code: 'hard-bounce', provider: 'sendgrid' })]);
    expect(await service.disableChannel('sub-ada', 'email', { ...reason, accountId: second })).toEqual({ changed: false });
    expect(store.channelChanges).toHaveLength(1);
  });

  it('tells the customer on the channels still on, and not on the one turned off', async () => {
    const { store, service } = setup();
    const id = await open(service, 1);
    await service.updateNotifications(customer, id, { push: false });
    store.accounts.set(id, { ...(store.accounts.get(id) as NonNullable<ReturnType<typeof store.accounts.get>>), notifications: { email: true, sms: true, whatsapp: false, push: false } });
    await service.disableChannel('sub-ada', 'email', { ...reason, accountId: id });
    expect(store.channelChanges[0]?.notify).toEqual(['sms']);
  });

  it('does nothing for a customer without that channel on, or for an unknown channel', async () => {
    const { store, service } = setup();
    await open(service, 1);
    expect(await service.disableChannel('sub-ada', 'whatsapp', { ...reason, accountId: 'x' })).toEqual({ changed: false });
    expect(await service.disableChannel('sub-nobody', 'email', { ...reason, accountId: 'x' })).toEqual({ changed: false });
    await expect(service.disableChannel('sub-ada', 'pigeon', { ...reason, accountId: 'x' })).rejects.toThrow();
    expect(store.channelChanges).toEqual([]);
  });
});
