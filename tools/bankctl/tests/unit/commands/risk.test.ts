import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_RISK_POLICY, toRiskPolicyDocument } from '@bank/risk-policy';
import { cli, FakeApi, OPERATOR_TOKEN } from './fake-api';

const api = new FakeApi();
const token = ['--token', OPERATOR_TOKEN];

beforeAll(() => api.start());
afterAll(() => api.stop());
beforeEach(() => api.reset());

const POLICY = toRiskPolicyDocument(DEFAULT_RISK_POLICY);
const HOLD = { holdId: 'h1', accountId: '123456789', type: 'WITHDRAWAL', amount: 12000, status: 'PENDING', createdAt: '2026-01-01T10:00:00.000Z' };

describe('risk policy', () => {
  it('get prints the policy as field/value lines, with the operator token', async () => {
    api.replies['GET /risk/policy'] = { status: 200, body: POLICY };
    const result = await cli(api, ['risk', 'policy', 'get', ...token]);
    expect(result.code).toBe(0);
    expect(api.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/v1/risk/policy', authorization: `Bearer ${OPERATOR_TOKEN}`, body: undefined })]);
    expect(result.stdout).toMatch(/^FIELD\s+VALUE\nmode\s+enforce\nreviewAmount\s+10000\nnewAccount\.days\s+7\n/);
    expect(result.stdout).toMatch(/patterns\.passThrough\.share\s+0\.9/);
  });

  it('is get when no subcommand is given, and prints the document with --json', async () => {
    api.replies['GET /risk/policy'] = { status: 200, body: POLICY };
    const result = await cli(api, ['risk', 'policy', '--json', ...token]);
    expect(JSON.parse(result.stdout)).toEqual(POLICY);
  });

  it('set PUTs the file as the whole document', async () => {
    const file = api.stackFile.replace('stack-outputs.json', 'policy.json');
    writeFileSync(file, JSON.stringify({ ...POLICY, mode: 'shadow' }));
    api.replies['PUT /risk/policy'] = { status: 200, body: { ...POLICY, mode: 'shadow' } };
    const result = await cli(api, ['risk', 'policy', 'set', file, ...token]);
    expect(result.code).toBe(0);
    expect(api.requests).toEqual([expect.objectContaining({ method: 'PUT', path: '/v1/risk/policy', contentType: 'application/json', body: { ...POLICY, mode: 'shadow' } })]);
    expect(result.stdout).toContain('risk policy replaced');
    expect(result.stdout).toMatch(/mode\s+shadow/);
  });

  it('set takes what get --json printed: the version and update time are not sent', async () => {
    const file = api.stackFile.replace('stack-outputs.json', 'round-trip.json');
    writeFileSync(file, JSON.stringify({ ...POLICY, version: 3, updatedAt: '2026-01-01T00:00:00.000Z' }));
    api.replies['PUT /risk/policy'] = { status: 200, body: { ...POLICY, version: 4 } };
    await cli(api, ['risk', 'policy', 'set', file, ...token]);
    expect(api.requests[0]?.body).toEqual(POLICY);
  });

  it('set reports the fields the API refused, on one line', async () => {
    const file = api.stackFile.replace('stack-outputs.json', 'bad-policy.json');
    writeFileSync(file, JSON.stringify({ ...POLICY, reviewAmount: -1 }));
    api.replies['PUT /risk/policy'] = {
      status: 400,
      body: { status: 400, code: 'VALIDATION_FAILED', detail: 'The risk policy is not valid.', errors: [{ path: '/reviewAmount', message: 'must be > 0' }, { path: '/mode', message: 'must be equal to one of the allowed values' }] },
    };
    const result = await cli(api, ['risk', 'policy', 'set', file, ...token]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('bankctl: replace the risk policy failed (400 VALIDATION_FAILED): invalid request: /reviewAmount must be > 0; /mode must be equal to one of the allowed values\n');
  });

  it('set refuses a file that is not JSON without calling the API', async () => {
    const file = api.stackFile.replace('stack-outputs.json', 'not-json.txt');
    writeFileSync(file, 'mode: shadow');
    const result = await cli(api, ['risk', 'policy', 'set', file, ...token]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not JSON');
    expect(api.requests).toEqual([]);
  });
});

describe('risk holds', () => {
  it('lists holds of a status as a table, following every page', async () => {
    api.replies['GET /holds'] = (query) =>
      query.get('cursor') === 'page-2'
        ? { status: 200, body: { items: [{ ...HOLD, holdId: 'h2', amount: 15000.5 }], nextCursor: null } }
        : { status: 200, body: { items: [HOLD], nextCursor: 'page-2' } };
    const result = await cli(api, ['risk', 'holds', '--status', 'pending', ...token]);
    expect(result.code).toBe(0);
    expect(api.requests.map((r) => r.path)).toEqual(['/v1/holds?status=PENDING', '/v1/holds?status=PENDING&cursor=page-2']);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^HOLD\s+ACCOUNT\s+TYPE\s+AMOUNT\s+STATUS\s+CREATED\s+DECIDED$/);
    expect(lines[1]).toMatch(/^h1\s+123456789\s+WITHDRAWAL\s+12000\.00\s+PENDING\s+2026-01-01T10:00:00\.000Z\s+-$/);
    expect(lines[2]).toMatch(/^h2\s+.*15000\.50/);
  });

  it('prints every hold as JSON with --json, and without --status leaves the status to the API (PENDING)', async () => {
    api.replies['GET /holds'] = { status: 200, body: { items: [HOLD] } };
    const result = await cli(api, ['risk', 'holds', '--json', ...token]);
    expect(api.requests.map((r) => r.path)).toEqual(['/v1/holds']);
    expect(JSON.parse(result.stdout)).toEqual({ items: [HOLD] });
  });

  it('refuses an unknown status without calling the API', async () => {
    const result = await cli(api, ['risk', 'holds', '--status', 'LOST', ...token]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--status must be one of PENDING, APPROVED, DECLINED, EXPIRED');
    expect(api.requests).toEqual([]);
  });
});

describe('risk approve and decline', () => {
  it('approve POSTs to the hold and says what happened', async () => {
    api.replies['POST /holds/h1/approve'] = { status: 200, body: { ...HOLD, status: 'APPROVED', decidedAt: '2026-01-01T11:00:00.000Z', currency: 'USD' } };
    const result = await cli(api, ['risk', 'approve', 'h1', ...token]);
    expect(result.code).toBe(0);
    expect(api.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/v1/holds/h1/approve', authorization: `Bearer ${OPERATOR_TOKEN}` })]);
    expect(result.stdout).toBe('hold h1 APPROVED (account 123456789, 12000.00 USD)\n');
  });

  it('decline sends the reason', async () => {
    api.replies['POST /holds/h1/decline'] = { status: 200, body: { ...HOLD, status: 'DECLINED' } };
    const result = await cli(api, ['risk', 'decline', 'h1', '--reason', 'customer did not confirm', '--json', ...token]);
    expect(result.code).toBe(0);
    expect(api.requests[0]?.body).toEqual({ reason: 'customer did not confirm' });
    expect(JSON.parse(result.stdout)).toMatchObject({ holdId: 'h1', status: 'DECLINED' });
  });

  it('decline without --reason is a usage error', async () => {
    const result = await cli(api, ['risk', 'decline', 'h1', ...token]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--reason <text>' not specified");
    expect(api.requests).toEqual([]);
  });

  it('a second decision is reported as already decided with its code', async () => {
    api.replies['POST /holds/h1/approve'] = { status: 409, body: { status: 409, code: 'HOLD_ALREADY_DECIDED', detail: 'Hold h1 was already declined.' } };
    const result = await cli(api, ['risk', 'approve', 'h1', ...token]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('bankctl: approve hold h1 failed (409 HOLD_ALREADY_DECIDED): already decided: Hold h1 was already declined.\n');
  });

  it('an unknown hold is reported as not found', async () => {
    api.replies['POST /holds/nope/approve'] = { status: 404, body: { status: 404, code: 'HOLD_NOT_FOUND', detail: 'Hold nope does not exist.' } };
    const result = await cli(api, ['risk', 'approve', 'nope', ...token]);
    expect(result.stderr).toBe('bankctl: approve hold nope failed (404 HOLD_NOT_FOUND): not found: Hold nope does not exist.\n');
  });
});

describe('risk freeze and unfreeze', () => {
  it('freeze POSTs the reason to the account and prints its status', async () => {
    api.replies['POST /accounts/123456789/freeze'] = { status: 200, body: { accountId: '123456789', status: 'FROZEN', balance: 10, availableBalance: 10 } };
    const result = await cli(api, ['risk', 'freeze', '123456789', '--reason', 'mule account', ...token]);
    expect(result.code).toBe(0);
    expect(api.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/v1/accounts/123456789/freeze', body: { reason: 'mule account' } })]);
    expect(result.stdout).toBe('account 123456789 FROZEN\n');
  });

  it('freeze refuses a blank reason', async () => {
    const result = await cli(api, ['risk', 'freeze', '123456789', '--reason', '  ', ...token]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reason must say why');
    expect(api.requests).toEqual([]);
  });

  it('unfreeze sends no body without --reason, and the reason with it', async () => {
    api.replies['POST /accounts/123456789/unfreeze'] = { status: 200, body: { accountId: '123456789', status: 'OPEN' } };
    expect((await cli(api, ['risk', 'unfreeze', '123456789', ...token])).stdout).toBe('account 123456789 OPEN\n');
    await cli(api, ['risk', 'unfreeze', '123456789', '--reason', 'customer verified', ...token]);
    expect(api.requests.map((r) => r.body)).toEqual([undefined, { reason: 'customer verified' }]);
  });

  it('encodes the account id in the path', async () => {
    await cli(api, ['risk', 'freeze', 'a/b', '--reason', 'x', ...token]);
    expect(api.requests[0]?.path).toBe('/v1/accounts/a%2Fb/freeze');
  });
});

describe('risk cases', () => {
  const CASE = { caseId: '01JCASE', accountId: '123456789', pattern: 'pass-through', openedAt: '2026-01-01T10:05:00.000Z', status: 'OPEN' };

  it('lists the cases of one account as a table', async () => {
    api.replies['GET /risk/cases'] = { status: 200, body: { items: [CASE] } };
    const result = await cli(api, ['risk', 'cases', '--account', '123456789', ...token]);
    expect(api.requests.map((r) => r.path)).toEqual(['/v1/risk/cases?accountId=123456789']);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^CASE\s+ACCOUNT\s+PATTERN\s+OPENED\s+STATUS$/);
    expect(lines[1]).toMatch(/^01JCASE\s+123456789\s+pass-through\s+2026-01-01T10:05:00\.000Z\s+OPEN$/);
  });

  it('says so when there is none, and prints {items: []} with --json', async () => {
    api.replies['GET /risk/cases'] = { status: 200, body: { items: [], nextCursor: null } };
    expect((await cli(api, ['risk', 'cases', ...token])).stdout).toBe('no risk cases\n');
    expect(JSON.parse((await cli(api, ['risk', 'cases', '--json', ...token])).stdout)).toEqual({ items: [] });
  });
});

describe('the operator token', () => {
  it('comes from BANKCTL_TOKEN when no flag gives one', async () => {
    api.replies['GET /risk/cases'] = { status: 200, body: { items: [] } };
    const result = await cli(api, ['risk', 'cases'], { BANKCTL_TOKEN: OPERATOR_TOKEN });
    expect(result.code).toBe(0);
    expect(api.requests[0]?.authorization).toBe(`Bearer ${OPERATOR_TOKEN}`);
  });

  it('is required: without one nothing is called (exit 2)', async () => {
    const result = await cli(api, ['risk', 'cases']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('risk commands need an operator access token: --token TOKEN, BANKCTL_TOKEN, or --as EMAIL');
    expect(api.requests).toEqual([]);
  });

  it('refused by the API (401) is explained in one line', async () => {
    const result = await cli(api, ['risk', 'cases', '--token', 'expired']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "bankctl: list risk cases failed (401 UNAUTHENTICATED): needs an operator's access token (the token is missing, expired or not an access token): Sign in and send your access token.\n",
    );
  });

  it("of a customer (403) is told it needs an operator's", async () => {
    api.replies['POST /accounts/1/freeze'] = { status: 403, body: { status: 403, code: 'FORBIDDEN', detail: 'Only operators may freeze accounts.' } };
    const result = await cli(api, ['risk', 'freeze', '1', '--reason', 'r', ...token]);
    expect(result.stderr).toBe("bankctl: freeze account 1 failed (403 FORBIDDEN): needs an operator's access token (this user is not in the operators group): Only operators may freeze accounts.\n");
  });
});

describe('an API that cannot answer', () => {
  it('is reported with its address and a hint', async () => {
    const file = api.stackFile.replace('stack-outputs.json', 'dead-stack.json');
    writeFileSync(file, readFileSync(api.stackFile, 'utf8').replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9'));
    const result = await cli(api, ['risk', 'cases', ...token], { BANK_STACK_FILE: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bankctl: list risk cases failed: could not reach the API at http:\/\/127\.0\.0\.1:9 \(.+; is the local stack running\? npm start\)\n$/);
  });

  it('with a 5xx that is not a problem document is still one line', async () => {
    api.replies['GET /risk/policy'] = { status: 502, body: '<html>Bad Gateway</html>' };
    const result = await cli(api, ['risk', 'policy', ...token]);
    expect(result.stderr).toBe('bankctl: read the risk policy failed (502 HTTP_502): the answer is not a problem document\n');
  });
});
