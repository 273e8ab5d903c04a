import { balanceOf, createAccountsTable, historyOf, openAccount, testApi, testUser, type Call, type TestApi } from './harness';

let api: TestApi;
let call: Call;

beforeAll(async () => {
  api = testApi(await createAccountsTable());
  call = api.call;
});

describe('Idempotency-Key', () => {
  it('replays the stored response byte for byte and posts once', async () => {
    const id = await openAccount(call, 50);
    const headers = { 'Idempotency-Key': 'dep-1' };
    const first = await call('POST', '/deposit', { accountId: id, amount: 10 }, headers);
    const second = await call('POST', '/deposit', { amount: 10, accountId: id }, headers);
    expect(first.status).toBe(200);
    expect(first.headers['Idempotent-Replayed']).toBeUndefined();
    expect(second.headers['Idempotent-Replayed']).toBe('true');
    expect(second.body).toBe(first.body);
    expect(await balanceOf(call, id)).toBe(60);
    expect(await historyOf(call, id)).toHaveLength(2);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const id = await openAccount(call, 50);
    const headers = { 'Idempotency-Key': 'dep-2' };
    await call('POST', '/deposit', { accountId: id, amount: 10 }, headers);
    const res = await call('POST', '/deposit', { accountId: id, amount: 11 }, headers);
    expect([res.status, res.json.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await balanceOf(call, id)).toBe(60);
  });

  it('scopes a key to its endpoint', async () => {
    const id = await openAccount(call, 50);
    const headers = { 'Idempotency-Key': 'shared-key' };
    expect((await call('POST', '/deposit', { accountId: id, amount: 1 }, headers)).status).toBe(200);
    expect((await call('POST', '/withdraw', { accountId: id, amount: 1 }, headers)).status).toBe(200);
    expect(await historyOf(call, id)).toHaveLength(3);
  });

  it('frees the key after a failed command so a corrected retry can use it', async () => {
    const id = await openAccount(call, 5);
    const headers = { 'Idempotency-Key': 'wd-retry' };
    expect((await call('POST', '/withdraw', { accountId: id, amount: 10 }, headers)).json.code).toBe('INSUFFICIENT_FUNDS');
    await call('POST', '/deposit', { accountId: id, amount: 10 });
    const retry = await call('POST', '/withdraw', { accountId: id, amount: 10 }, headers);
    expect(retry.status).toBe(200);
    expect(retry.headers['Idempotent-Replayed']).toBeUndefined();
    expect(await balanceOf(call, id)).toBe(5);
  });

  it('posts exactly once for 20 parallel requests with one key', async () => {
    const id = await openAccount(call);
    const headers = { 'Idempotency-Key': 'parallel-1' };
    const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/deposit', { accountId: id, amount: 7 }, headers)));
    const statuses = results.map((r) => (r.status === 200 ? (r.headers['Idempotent-Replayed'] ? 'replayed' : 'posted') : String(r.json.code)));
    expect(statuses.filter((s) => s === 'posted')).toHaveLength(1);
    expect(statuses.every((s) => ['posted', 'replayed', 'IDEMPOTENCY_IN_PROGRESS'].includes(s))).toBe(true);
    expect(await balanceOf(call, id)).toBe(7);
    expect(await historyOf(call, id)).toHaveLength(1);
  });

  it('opens one account for a repeated POST /accounts with a key', async () => {
    const body = { initialDeposit: 3 };
    const headers = { 'Idempotency-Key': 'open-1' };
    const first = await call('POST', '/accounts', body, headers);
    const second = await call('POST', '/accounts', body, headers);
    expect(second.json.accountId).toBe(first.json.accountId);
    expect(second.status).toBe(201);
  });

  it('scopes a key to its caller: the same key from two customers is two requests', async () => {
    const mine = await openAccount(call, 10);
    const other = api.as(testUser());
    const theirs = await openAccount(other, 10);
    const headers = { 'Idempotency-Key': 'same-key-two-people' };
    const a = await call('POST', '/deposit', { accountId: mine, amount: 1 }, headers);
    const b = await other('POST', '/deposit', { accountId: theirs, amount: 1 }, headers);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.headers['Idempotent-Replayed']).toBeUndefined();
    expect([await balanceOf(call, mine), await balanceOf(other, theirs)]).toEqual([11, 11]);
  });

  it('does not replay one customer\'s stored response to another using the same key and body', async () => {
    const mine = await openAccount(call, 10);
    const headers = { 'Idempotency-Key': 'replay-probe' };
    await call('POST', '/deposit', { accountId: mine, amount: 2 }, headers);
    const probe = await api.as(testUser())('POST', '/deposit', { accountId: mine, amount: 2 }, headers);
    expect([probe.status, probe.json.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    expect(probe.body).not.toContain('newBalance');
    expect(await balanceOf(call, mine)).toBe(12);
  });

  it('rejects a malformed key with 400', async () => {
    const res = await call('POST', '/deposit', { accountId: 'x', amount: 1 }, { 'Idempotency-Key': 'has space' });
    expect(res.status).toBe(400);
  });
});
