import { apiFor, balanceOf, createAccountsTable, dynamoClient, historyOf, openAccount, testUser, type Call } from './harness';

const me = testUser();

let table: string;
let call: Call;

beforeAll(async () => {
  table = await createAccountsTable();
  call = apiFor(table, undefined, undefined, me);
});

describe('concurrent money movements', () => {
  it('lets exactly 66 of 100 parallel withdrawals of 15 from 1000 succeed', async () => {
    const id = await openAccount(call, 1000);
    const results = await Promise.all(Array.from({ length: 100 }, () => call('POST', '/withdraw', { accountId: id, amount: 15 })));
    const codes = results.map((r) => (r.status === 200 ? 'OK' : String(r.json.code)));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(66);
    expect(codes.filter((c) => c === 'INSUFFICIENT_FUNDS')).toHaveLength(34);
    expect(await balanceOf(call, id)).toBe(10);
    expect(await historyOf(call, id)).toHaveLength(67);
  });

  it('ends mixed parallel deposits and withdrawals on the exact sum', async () => {
    const id = await openAccount(call, 500);
    const amounts = Array.from({ length: 60 }, (_, i) => ({ kind: i % 3 === 0 ? 'withdraw' : 'deposit', amount: 0.01 * (i + 1) }));
    const results = await Promise.all(
      amounts.map((a) => call('POST', `/${a.kind}`, { accountId: id, amount: Math.round(a.amount * 100) / 100 })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const expectedCents = 50_000 + amounts.reduce((sum, a, i) => sum + (a.kind === 'deposit' ? 1 : -1) * (i + 1), 0);
    expect(await balanceOf(call, id)).toBe(expectedCents / 100);
    const history = await historyOf(call, id);
    expect(history).toHaveLength(61);
    expect(history[0]?.balanceAfter).toBe(expectedCents / 100);
  });

  it('stays exact when two processes (two Lambda containers) race on one account', async () => {
    // Separate API instances share no in-process lock: only the conditional writes keep order.
    const a = apiFor(table, undefined, dynamoClient(), me);
    const b = apiFor(table, undefined, dynamoClient(), me);
    const id = await openAccount(call, 100);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b)('POST', '/withdraw', { accountId: id, amount: 7 })),
    );
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBe(14);
    expect(results.filter((r) => r.json.code === 'INSUFFICIENT_FUNDS')).toHaveLength(6);
    expect(await balanceOf(call, id)).toBe(2);
    const history = await historyOf(call, id);
    expect(history).toHaveLength(15);
    // Every balanceAfter is exact: newest first, each step adds back one 7.
    expect(history.slice(0, 14).map((h) => h.balanceAfter)).toEqual(Array.from({ length: 14 }, (_, i) => 2 + 7 * i));
  });

  it('conserves money across parallel transfers in both directions', async () => {
    const x = await openAccount(call, 100);
    const y = await openAccount(call, 100);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call('POST', '/transfer', i % 2 ? { fromAccountId: x, toAccountId: y, amount: 9 } : { fromAccountId: y, toAccountId: x, amount: 4 }),
      ),
    );
    expect(results.every((r) => r.status === 200 || r.json.code === 'INSUFFICIENT_FUNDS')).toBe(true);
    expect((await balanceOf(call, x)) + (await balanceOf(call, y))).toBe(200);
  });
});
