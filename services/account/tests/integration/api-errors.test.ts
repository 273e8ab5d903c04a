import { apiFor, balanceOf, createAccountsTable, historyOf, openAccount, type Call } from './harness';

let call: Call;
let limitedCall: Call;
let accountId: string;

beforeAll(async () => {
  const table = await createAccountsTable();
  call = apiFor(table);
  limitedCall = apiFor(table, { maxTransaction: 100_000, dailyWithdrawal: 150_000, maxBalance: 10_000_000 });
  accountId = await openAccount(call, 100);
});

async function expectUnchanged(action: () => Promise<unknown>): Promise<void> {
  const before = [await balanceOf(call, accountId), (await historyOf(call, accountId)).length];
  await action();
  expect([await balanceOf(call, accountId), (await historyOf(call, accountId)).length]).toEqual(before);
}

describe('bad input gets a clear 4xx problem and changes nothing', () => {
  it.each([
    ['malformed JSON', '{"accountId": "1",', 400, 'VALIDATION_FAILED'],
    ['an empty body', '', 400, 'VALIDATION_FAILED'],
    ['a JSON array', '[]', 400, 'VALIDATION_FAILED'],
    ['a string amount', { amount: '10' }, 400, 'VALIDATION_FAILED'],
    ['a negative amount', { amount: -5 }, 400, 'VALIDATION_FAILED'],
    ['a zero amount', { amount: 0 }, 400, 'VALIDATION_FAILED'],
    ['three decimals', { amount: 1.005 }, 400, 'VALIDATION_FAILED'],
    ['a huge amount', { amount: 1e308 }, 400, 'VALIDATION_FAILED'],
    ['a missing amount', { amount: undefined }, 400, 'VALIDATION_FAILED'],
    ['an unknown property', { extra: true }, 400, 'VALIDATION_FAILED'],
    ['an injection-looking id', { accountId: "1' OR '1'='1" }, 400, 'VALIDATION_FAILED'],
    ['an unknown account', { accountId: '123456789' }, 404, 'ACCOUNT_NOT_FOUND'],
  ])('%s on /deposit', async (_name, override, status, code) => {
    const body = typeof override === 'string' ? override : JSON.stringify({ accountId, amount: 10, ...override });
    await expectUnchanged(async () => {
      const res = await call('POST', '/deposit', body);
      expect(res.status).toBe(status);
      expect(res.headers['Content-Type']).toBe('application/problem+json');
      expect(res.json).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    });
  });

  it('points at the offending field', async () => {
    const res = await call('POST', '/withdraw', { accountId, amount: 1.005 });
    expect(res.json.errors).toEqual([expect.objectContaining({ path: '/amount' })]);
  });

  it('refuses a wrong content type with 415', async () => {
    const res = await call('POST', '/deposit', JSON.stringify({ accountId, amount: 1 }), { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.json.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body over 16 KB with 413', async () => {
    const res = await call('POST', '/deposit', JSON.stringify({ accountId, amount: 1, pad: 'x'.repeat(16 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps a problem document small whatever the body: few issues, short paths', async () => {
    const wide = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`p${i}`, i]));
    const long = { accountId, amount: 1, ['k'.repeat(12_000)]: 1 };
    for (const body of [{ accountId, amount: 1, ...wide }, long]) {
      const res = await call('POST', '/deposit', body);
      expect(res.status).toBe(400);
      expect(res.body.length).toBeLessThan(4096);
      expect((res.json.errors as unknown[]).length).toBeLessThanOrEqual(20);
    }
  });

  it('refuses a withdrawal above the balance with 422 INSUFFICIENT_FUNDS', async () => {
    await expectUnchanged(async () => {
      const res = await call('POST', '/withdraw', { accountId, amount: 100.01 });
      expect([res.status, res.json.code]).toEqual([422, 'INSUFFICIENT_FUNDS']);
    });
  });

  it('refuses a transfer to the same account with 422 SAME_ACCOUNT', async () => {
    const res = await call('POST', '/transfer', { fromAccountId: accountId, toAccountId: accountId, amount: 1 });
    expect([res.status, res.json.code]).toEqual([422, 'SAME_ACCOUNT']);
  });

  it('refuses a transfer to an unknown account with 404 and moves nothing', async () => {
    await expectUnchanged(async () => {
      const res = await call('POST', '/transfer', { fromAccountId: accountId, toAccountId: 'nobody-here', amount: 1 });
      expect([res.status, res.json.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    });
  });

  it('refuses an amount above the per-transaction maximum with 422 LIMIT_EXCEEDED', async () => {
    const res = await limitedCall('POST', '/deposit', { accountId, amount: 1000.01 });
    expect([res.status, res.json.code]).toEqual([422, 'LIMIT_EXCEEDED']);
  });

  it('enforces the daily withdrawal limit across withdrawals and transfers', async () => {
    const rich = await openAccount(limitedCall, 1000);
    const other = await openAccount(limitedCall);
    await limitedCall('POST', '/deposit', { accountId: rich, amount: 1000 });
    await limitedCall('POST', '/deposit', { accountId: rich, amount: 1000 });
    expect((await limitedCall('POST', '/withdraw', { accountId: rich, amount: 1000 })).status).toBe(200);
    expect((await limitedCall('POST', '/transfer', { fromAccountId: rich, toAccountId: other, amount: 500 })).status).toBe(200);
    const over = await limitedCall('POST', '/withdraw', { accountId: rich, amount: 0.01 });
    expect([over.status, over.json.code]).toEqual([422, 'LIMIT_EXCEEDED']);
    expect(await balanceOf(limitedCall, rich)).toBe(1500);
    expect((await limitedCall('POST', '/deposit', { accountId: rich, amount: 1 })).status).toBe(200);
  });

  it('answers 404 for an unknown account on GET', async () => {
    expect((await call('GET', '/accounts/123456789')).json.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await call('GET', '/accounts/123456789/transactions')).json.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('rejects a forged cursor and a bad limit with 400', async () => {
    expect((await call('GET', `/accounts/${accountId}/transactions`, undefined, {}, { cursor: 'bm90LWEtY3Vyc29y' })).status).toBe(400);
    expect((await call('GET', `/accounts/${accountId}/transactions`, undefined, {}, { limit: '0' })).status).toBe(400);
    expect((await call('GET', `/accounts/${accountId}/transactions`, undefined, {}, { limit: 'ten' })).status).toBe(400);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    expect((await call('GET', '/nope')).status).toBe(404);
    const res = await call('GET', '/deposit');
    expect(res.status).toBe(405);
    expect(res.headers.Allow).toBe('POST');
  });
});
