import { balanceOf, createAccountsTable, historyOf, openAccount, testApi, type Call } from './harness';

let call: Call;
let other: Call;

beforeAll(async () => {
  const api = testApi(await createAccountsTable());
  call = api.call;
  other = api.as(null);
});

describe('the account API against the emulator', () => {
  it('answers health checks', async () => {
    const res = await call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('opens an account with an initial deposit and returns it', async () => {
    const res = await call('POST', '/accounts', { notifications: { sms: false }, initialDeposit: 25.5 });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      accountId: expect.any(String),
      status: 'OPEN',
      balance: 25.5,
      availableBalance: 25.5,
      currency: 'USD',
      notifications: { email: true, sms: false, whatsapp: false, push: false },
      createdAt: expect.any(String),
    });
    expect(String(res.json.accountId)).toMatch(/^\d{12}$/);
    const fetched = await call('GET', `/accounts/${String(res.json.accountId)}`);
    expect(fetched.json).toEqual(res.json);
  });


  it('reproduces the brief: deposit 1000 onto 4000 gives 5000, withdraw 500 gives 4500', async () => {
    const id = await openAccount(call, 4000);
    const deposit = await call('POST', '/deposit', { accountId: id, amount: 1000 });
    expect(deposit.status).toBe(200);
    expect(deposit.json).toMatchObject({ message: 'Deposit successful.', newBalance: 5000, accountId: id, amount: 1000, currency: 'USD' });
    expect(Object.keys(deposit.json).slice(0, 2)).toEqual(['message', 'newBalance']);
    const withdrawal = await call('POST', '/withdraw', { accountId: id, amount: 500 });
    expect(withdrawal.json).toMatchObject({ message: 'Withdrawal successful.', newBalance: 4500 });
    expect(await balanceOf(call, id)).toBe(4500);
  });

  it('keeps cents exact: 0.1 + 0.2 is 0.3', async () => {
    const id = await openAccount(call);
    await call('POST', '/deposit', { accountId: id, amount: 0.1 });
    const res = await call('POST', '/deposit', { accountId: id, amount: 0.2 });
    expect(res.json.newBalance).toBe(0.3);
    expect(await balanceOf(call, id)).toBe(0.3);
  });

  it('transfers between accounts in one step and records both sides', async () => {
    const from = await openAccount(call, 100);
    const to = await openAccount(call, 5);
    const res = await call('POST', '/transfer', { fromAccountId: from, toAccountId: to, amount: 30.25 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ message: 'Transfer successful.', newBalance: 69.75, fromAccountId: from, toAccountId: to, amount: 30.25 });
    expect(await balanceOf(call, to)).toBe(35.25);
    const [credit] = await historyOf(call, to);
    expect(credit).toMatchObject({ type: 'TRANSFER_IN', amount: 30.25, balanceAfter: 35.25, counterpartyAccountSuffix: from.slice(-4) });
    expect(credit).not.toHaveProperty('counterpartyAccountId');
    const [debit] = await historyOf(call, from);
    expect(debit).toMatchObject({ type: 'TRANSFER_OUT', counterpartyAccountId: to });
  });

  it('lists history newest first with a cursor that pages through everything once', async () => {
    const id = await openAccount(call);
    for (const amount of [1, 2, 3, 4, 5]) await call('POST', '/deposit', { accountId: id, amount });
    const first = await call('GET', `/accounts/${id}/transactions`, undefined, {}, { limit: '2' });
    expect((first.json.items as { amount: number }[]).map((i) => i.amount)).toEqual([5, 4]);
    const second = await call('GET', `/accounts/${id}/transactions`, undefined, {}, { limit: '2', cursor: String(first.json.nextCursor) });
    expect((second.json.items as { amount: number }[]).map((i) => i.amount)).toEqual([3, 2]);
    const third = await call('GET', `/accounts/${id}/transactions`, undefined, {}, { limit: '2', cursor: String(second.json.nextCursor) });
    expect((third.json.items as { amount: number; balanceAfter: number }[]).map((i) => [i.amount, i.balanceAfter])).toEqual([[1, 1]]);
    expect(third.json.nextCursor).toBeNull();
  });

  it('answers health checks without a token and everything else only with one', async () => {
    expect((await other('GET', '/health')).status).toBe(200);
    const res = await other('GET', '/accounts');
    expect([res.status, res.json.code, res.headers['WWW-Authenticate']]).toEqual([401, 'UNAUTHENTICATED', 'Bearer']);
  });

  it('echoes a correlation id the client sends', async () => {
    const res = await call('GET', '/health', undefined, { 'X-Correlation-Id': 'corr-123' });
    expect(res.headers['X-Correlation-Id']).toBe('corr-123');
  });
});
