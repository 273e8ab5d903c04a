import fc from 'fast-check';
import { apiFor, balanceOf, createAccountsTable, historyOf, openAccount, type Call } from './harness';

let call: Call;
let accountId: string;
let otherId: string;

beforeAll(async () => {
  call = apiFor(await createAccountsTable());
  accountId = await openAccount(call, 100);
  otherId = await openAccount(call, 100);
});

const KNOWN_CODES = new Set([
  'VALIDATION_FAILED',
  'ACCOUNT_NOT_FOUND',
  'INSUFFICIENT_FUNDS',
  'LIMIT_EXCEEDED',
  'SAME_ACCOUNT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
]);

// Values that look almost right: wrong types, edge numbers, near-miss ids.
const amount = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.constantFrom(0, -0, -1, 0.001, 1.005, 1e21, Number.MAX_VALUE, 0.1),
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const id = fc.oneof(fc.constantFrom(accountIdPlaceholder(), 'unknown-1', "x' OR 1=1 --", '', ' ', '../etc', '%00'), fc.string(), fc.integer());
function accountIdPlaceholder() {
  return '__ACCOUNT__';
}
const body = fc.oneof(
  fc.record({ accountId: id, amount }, { requiredKeys: [] }),
  fc.record({ fromAccountId: id, toAccountId: id, amount }, { requiredKeys: [] }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
  fc.jsonValue(),
);

function resolveIds(value: unknown): unknown {
  if (value === '__ACCOUNT__') return accountId;
  if (Array.isArray(value)) return value.map(resolveIds);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveIds(v)]));
  return value;
}

describe('fuzzed request bodies', () => {
  it('never get a 5xx, and a rejected request never changes state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/deposit', '/withdraw', '/transfer'), body, async (path, raw) => {
        const state = async () => [await balanceOf(call, accountId), await balanceOf(call, otherId), (await historyOf(call, accountId)).length];
        const before = await state();
        const payload = resolveIds(raw);
        const res = await call('POST', path, JSON.stringify(payload) ?? 'undefined');
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) {
          expect(res.headers['Content-Type']).toBe('application/problem+json');
          expect(KNOWN_CODES.has(String(res.json.code))).toBe(true);
          expect(await state()).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});
