import fc from 'fast-check';
import type { LocalStack } from '../../src/stack';
import { operatorOf, openCustomerAccount } from '../support/customers';
import { clients, startReliabilityStack, tableSnapshot } from './harness';

let stack: LocalStack;
let aws: ReturnType<typeof clients>;
let accountId: string;
let otherId: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  stack = await startReliabilityStack();
  aws = clients(stack);
  const mine = await openCustomerAccount(stack, {}, { initialDeposit: 100 });
  const other = await openCustomerAccount(stack, {}, { initialDeposit: 100 });
  accountId = mine.accountId;
  otherId = other.accountId;
  const [header, payload] = mine.accessToken.split('.');
  tokens = {
    __OWNER_TOKEN__: mine.accessToken,
    __OTHER_TOKEN__: other.accessToken,
    __OPERATOR_TOKEN__: (await operatorOf(stack)).accessToken,
    __FORGED_TOKEN__: `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`,
  };
});

afterAll(async () => {
  await stack?.stop();
});

/** Every problem `code` the API may answer with (services/account/src/http/problem.ts, request.ts, api.ts). */
const KNOWN_CODES = new Set([
  'VALIDATION_FAILED',
  'ACCOUNT_NOT_FOUND',
  'ACCOUNT_EXISTS',
  'INSUFFICIENT_FUNDS',
  'LIMIT_EXCEEDED',
  'SAME_ACCOUNT',
  'IDEMPOTENCY_IN_PROGRESS',
  'IDEMPOTENCY_KEY_REUSED',
  'ACCOUNT_BUSY',
  'METHOD_NOT_ALLOWED',
  'ROUTE_NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONTACT_NOT_VERIFIED',
]);

const ACCOUNT = '__ACCOUNT__';
const OTHER = '__OTHER__';

// Header values must be ISO-8859-1 for fetch; printable ASCII plus a few Latin-1 letters.
const headerText = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~éÿ'.split('')), maxLength: 40 });
const id = fc.oneof(
  fc.constantFrom(ACCOUNT, OTHER, 'unknown-account', '', ' ', '..', '%', '%zz', '%2F', 'a'.repeat(65), "x' OR 1=1 --", 'IDEMPOTENCY#x', 'ACCOUNT'),
  fc.string({ maxLength: 20 }),
);
const amount = fc.oneof(
  fc.constantFrom(0, -1, 0.001, 0.01, 1.005, 1, 99.99, 1e21, Number.MAX_SAFE_INTEGER, '10', null, true),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const owner = fc.record(
  { name: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()), email: fc.oneof(fc.emailAddress(), fc.string()), phone: fc.oneof(fc.constant('+15550001111'), fc.string()) },
  { requiredKeys: [] },
);
const jsonBody = fc.oneof(
  fc.record({ accountId: id, amount }, { requiredKeys: [] }),
  fc.record({ fromAccountId: id, toAccountId: id, amount }, { requiredKeys: [] }),
  fc.record(
    {
      accountId: id,
      owner,
      notifications: fc.dictionary(fc.constantFrom('email', 'sms', 'whatsapp', 'push', 'fax'), fc.jsonValue(), { maxKeys: 3 }),
      currency: fc.constantFrom('USD', 'EUR', '', 1),
      initialDeposit: amount,
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
const body = fc.oneof(
  { weight: 6, arbitrary: jsonBody.map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) }, // not JSON
  { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '{"accountId":', '\u0000', 'x'.repeat(16 * 1024 + 1)) },
);
const query = fc.oneof(
  fc.constant(''),
  fc.record(
    {
      limit: fc.oneof(fc.constantFrom('0', '1', '100', '101', '-1', '1e2', '', ' 5', '5.0', '999999999999'), fc.string({ maxLength: 6 })),
      cursor: fc.oneof(fc.constantFrom('', 'x', 'eyJ9', 'eyJBY2NvdW50SUQiOnsiUyI6IngifX0', '%%%'), fc.base64String({ maxLength: 40 }), fc.string({ maxLength: 20 })),
    },
    { requiredKeys: [] },
  ).map((q) => new URLSearchParams(q).toString()),
);
const headers = fc.record(
  {
    'Content-Type': fc.oneof(
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/vnd.api+json', 'application/problem+json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', ''),
      headerText,
    ),
    'Idempotency-Key': fc.oneof(fc.uuid(), headerText, fc.constant('k'.repeat(256))),
    'X-Correlation-Id': headerText,
    Accept: fc.constantFrom('application/json', 'text/html', '*/*'),
    Authorization: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('__OWNER_TOKEN__', '__OTHER_TOKEN__', '__OPERATOR_TOKEN__').map((t) => `Bearer ${t}`) },
      { weight: 1, arbitrary: fc.constantFrom('Bearer __FORGED_TOKEN__', 'Bearer', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', '__OWNER_TOKEN__') },
      { weight: 1, arbitrary: headerText },
    ),
  },
  { requiredKeys: [] },
);
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  route: fc.oneof(
    fc.constantFrom('/health', '/me', '/accounts', '/deposit', '/withdraw', '/transfer', '/', '/accounts/', '/deposit/', '/unknown'),
    id.map((value) => `/accounts/${value}`),
    fc.tuple(id, query).map(([value, q]) => `/accounts/${value}/transactions${q ? `?${q}` : ''}`),
    fc.webPath(),
  ),
  headers,
  body: fc.option(body, { nil: undefined }),
});

const resolve = (text: string) =>
  Object.entries(tokens).reduce((out, [name, token]) => out.replaceAll(name, token), text.replaceAll(ACCOUNT, accountId).replaceAll(OTHER, otherId));

describe('fuzzed HTTP requests to every endpoint', () => {
  it('never get a 5xx, always get a known problem when rejected, and a rejected request changes nothing', async () => {
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ method, route, headers: sent, body: raw }) => {
        const before = await tableSnapshot(aws.dynamodb, stack);
        const withBody = raw !== undefined && method !== 'GET';
        const res = await fetch(`${stack.apiUrl}${resolve(route)}`, {
          method,
          headers: Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, resolve(v)])),
          ...(withBody ? { body: resolve(raw) } : {}),
        });
        const text = await res.text();

        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          rejected++;
          expect(res.headers.get('content-type')).toBe('application/problem+json');
          const problem = JSON.parse(text) as { status?: unknown; code?: unknown; type?: unknown; title?: unknown };
          expect(KNOWN_CODES.has(String(problem.code))).toBe(true);
          expect(problem.status).toBe(res.status);
          expect(typeof problem.type).toBe('string');
          expect(await tableSnapshot(aws.dynamodb, stack)).toEqual(before);
        }
      }),
      { numRuns: 200, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
    expect(rejected).toBeGreaterThan(100);
  });
});
