import { toMinorUnits } from '@bank/money';
import type { LocalStack } from '../../src/stack';
import { call, openAccount, startReliabilityStack, type Response } from './harness';

const ACCOUNTS = 20;
const REQUESTS = 300;
const OPENING = 500; // dollars

let stack: LocalStack;

beforeAll(async () => {
  stack = await startReliabilityStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Movement =
  | { kind: 'deposit' | 'withdraw'; accountId: string; cents: number }
  | { kind: 'transfer'; from: string; to: string; cents: number };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms (deadlock?)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('a burst of concurrent mixed requests', () => {
  it('conserves money: every balance is its opening plus its successful movements', async () => {
    const ids: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) ids.push((await openAccount(stack, {}, OPENING)).accountId);
    const random = prng(20240601);
    const pick = () => ids[Math.floor(random() * ids.length)] ?? '';
    const cents = () => 1 + Math.floor(random() * 20_000); // up to $200: withdrawals and transfers sometimes overdraw
    const movements: Movement[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const r = random();
      if (r < 0.2) movements.push({ kind: 'deposit', accountId: pick(), cents: cents() });
      else if (r < 0.4) movements.push({ kind: 'withdraw', accountId: pick(), cents: cents() });
      else {
        // Both directions between the same accounts, concurrently: the classic lock-order deadlock.
        const a = Math.floor(random() * ACCOUNTS);
        const b = (a + 1 + Math.floor(random() * (ACCOUNTS - 1))) % ACCOUNTS;
        const [from, to] = random() < 0.5 ? [a, b] : [b, a];
        movements.push({ kind: 'transfer', from: ids[from] ?? '', to: ids[to] ?? '', cents: cents() });
      }
    }

    const started = Date.now();
    const responses: Response[] = await withTimeout(
      Promise.all(
        movements.map((m) =>
          m.kind === 'transfer'
            ? call(stack, 'POST', '/transfer', { fromAccountId: m.from, toAccountId: m.to, amount: m.cents / 100 })
            : call(stack, 'POST', `/${m.kind}`, { accountId: m.accountId, amount: m.cents / 100 }),
        ),
      ),
      120_000,
    );
    const elapsed = Date.now() - started;

    const statuses = new Map<string, number>();
    for (const r of responses) {
      const key = r.status === 200 ? '200' : `${r.status} ${String(r.json.code)}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    for (const key of statuses.keys()) expect(['200', '422 INSUFFICIENT_FUNDS', '409 ACCOUNT_BUSY']).toContain(key);

    const expected = new Map(ids.map((id) => [id, toMinorUnits(OPENING)]));
    const add = (id: string, delta: number) => expected.set(id, (expected.get(id) ?? 0) + delta);
    let external = 0; // deposits minus withdrawals: the only movements that change the total
    movements.forEach((m, i) => {
      if (responses[i]?.status !== 200) return;
      if (m.kind === 'transfer') {
        add(m.from, -m.cents);
        add(m.to, m.cents);
      } else {
        const signed = m.kind === 'deposit' ? m.cents : -m.cents;
        add(m.accountId, signed);
        external += signed;
      }
    });
    const finals = new Map<string, number>();
    for (const id of ids) {
      const res = await call(stack, 'GET', `/accounts/${id}`);
      finals.set(id, toMinorUnits(Number(res.json.balance)));
    }
    expect(Object.fromEntries(finals)).toEqual(Object.fromEntries(expected));
    const sum = [...finals.values()].reduce((a, b) => a + b, 0);
    expect(sum).toBe(ACCOUNTS * toMinorUnits(OPENING) + external);
    expect([...finals.values()].every((b) => b >= 0)).toBe(true);
    console.info(`burst: ${REQUESTS} requests over ${ACCOUNTS} accounts in ${elapsed} ms: ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 180_000);
});
