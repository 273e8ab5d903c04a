import { DEFAULT_RISK_POLICY, toRiskPolicyDocument } from '@bank/risk-policy';
import { PERMISSIVE_RISK_POLICY } from '../../src/testing/index';
import { balanceOf, createAccountsTable, dynamoClient, historyOf, openAccount, testApi, testUser, type Call, type TestApi } from './harness';

const REVIEW = { ...PERMISSIVE_RISK_POLICY, reviewAmount: 10_000_00 };

let table: string;
let api: TestApi;
let ada: Call;
let operator: Call;

beforeAll(async () => {
  table = await createAccountsTable();
  api = testApi(table, undefined, undefined, undefined, REVIEW);
  ada = api.call;
  operator = api.as(testUser({ operator: true }));
});

describe('review holds through the API', () => {
  it('answers a debit at the review amount with 202 PENDING_REVIEW; the balance stays, the available balance falls', async () => {
    const id = await openAccount(ada, 15_000);
    const res = await ada('POST', '/withdraw', { accountId: id, amount: 12_000 });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: 'PENDING_REVIEW', holdId: expect.any(String), accountId: id, amount: 12_000, availableBalance: 3_000 });
    expect((await ada('GET', `/accounts/${id}`)).json).toMatchObject({ balance: 15_000, availableBalance: 3_000 });
    expect(await historyOf(ada, id)).toHaveLength(1);
  });

  it('replays a held debit for the same Idempotency-Key: one hold, the same 202', async () => {
    const id = await openAccount(ada, 15_000);
    const headers = { 'Idempotency-Key': `held-${id}` };
    const first = await ada('POST', '/withdraw', { accountId: id, amount: 11_000 }, headers);
    const again = await ada('POST', '/withdraw', { accountId: id, amount: 11_000 }, headers);
    expect([first.status, again.status, again.headers['Idempotent-Replayed']]).toEqual([202, 202, 'true']);
    expect(again.body).toBe(first.body);
    expect((await ada('GET', `/accounts/${id}`)).json.availableBalance).toBe(4_000);
  });

  it('holds once and refuses the rest when ten held debits race on one account', async () => {
    const id = await openAccount(ada, 15_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => ada('POST', '/withdraw', { accountId: id, amount: 12_000 })));
    expect(results.filter((r) => r.status === 202)).toHaveLength(1);
    expect(results.filter((r) => r.json.code === 'INSUFFICIENT_FUNDS')).toHaveLength(9);
    const pending = (await operator('GET', '/holds', undefined, {}, { status: 'PENDING', limit: '100' })).json.items as { accountId: string }[];
    expect(pending.filter((h) => h.accountId === id)).toHaveLength(1);
  });

  it('posts once when two operators approve at the same moment', async () => {
    const id = await openAccount(ada, 20_000);
    const holdId = String((await ada('POST', '/withdraw', { accountId: id, amount: 12_000 })).json.holdId);
    const [a, b] = await Promise.all([operator('POST', `/holds/${holdId}/approve`), api.as(testUser({ operator: true }))('POST', `/holds/${holdId}/approve`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.json.code).toBe('HOLD_ALREADY_DECIDED');
    expect(await balanceOf(ada, id)).toBe(8_000);
    expect((await historyOf(ada, id)).filter((t) => t.type === 'WITHDRAWAL')).toHaveLength(1);
    expect((await operator('GET', '/holds', undefined, {}, { status: 'APPROVED' })).json.items).toContainEqual(expect.objectContaining({ holdId, status: 'APPROVED', type: 'WITHDRAWAL', amount: 12_000, decidedAt: expect.any(String) }));
  });

  it('declines with a reason and releases the money', async () => {
    const id = await openAccount(ada, 20_000);
    const holdId = String((await ada('POST', '/withdraw', { accountId: id, amount: 12_000 })).json.holdId);
    expect((await operator('POST', `/holds/${holdId}/decline`, {})).status).toBe(400);
    const res = await operator('POST', `/holds/${holdId}/decline`, { reason: 'not confirmed' });
    expect(res.json).toMatchObject({ status: 'DECLINED', reason: 'not confirmed' });
    expect((await ada('GET', `/accounts/${id}`)).json).toMatchObject({ balance: 20_000, availableBalance: 20_000 });
  });

  it('keeps holds to operators: a customer gets 403, an unknown or malformed hold 404 or 400', async () => {
    expect((await ada('GET', '/holds')).status).toBe(403);
    expect((await ada('POST', '/holds/01JAAAAAAAAAAAAAAAAAAAAAAA/approve')).status).toBe(403);
    expect((await operator('POST', '/holds/01JAAAAAAAAAAAAAAAAAAAAAAA/approve')).json.code).toBe('HOLD_NOT_FOUND');
    expect((await operator('POST', '/holds/not-a-hold/approve')).status).toBe(400);
    expect((await operator('GET', '/holds', undefined, {}, { status: 'MAYBE' })).status).toBe(400);
    const forged = await operator('GET', '/holds', undefined, {}, { cursor: 'forged' });
    expect(forged.status).toBe(400);
    expect(forged.json.errors).toEqual([expect.objectContaining({ path: '/cursor' })]);
  });
});

describe('Idempotency-Key on the operators\' POST routes', () => {
  it('replays an approve for the same key (200 again, not 409), posting once; 422 for the key on another hold', async () => {
    const id = await openAccount(ada, 40_000);
    const holdId = String((await ada('POST', '/withdraw', { accountId: id, amount: 12_000 })).json.holdId);
    const otherHold = String((await ada('POST', '/withdraw', { accountId: id, amount: 11_000 })).json.holdId);
    const headers = { 'Idempotency-Key': `approve-${holdId}` };
    const first = await operator('POST', `/holds/${holdId}/approve`, undefined, headers);
    const again = await operator('POST', `/holds/${holdId}/approve`, undefined, headers);
    expect([first.status, again.status, again.headers['Idempotent-Replayed']]).toEqual([200, 200, 'true']);
    expect(again.body).toBe(first.body);
    expect((await historyOf(ada, id)).filter((t) => t.type === 'WITHDRAWAL')).toHaveLength(1);
    const reused = await operator('POST', `/holds/${otherHold}/approve`, undefined, headers);
    expect([reused.status, reused.json.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect((await operator('GET', '/holds', undefined, {}, { status: 'PENDING', limit: '100' })).json.items).toContainEqual(expect.objectContaining({ holdId: otherHold }));
    // Without the key a repeat is refused as before.
    expect((await operator('POST', `/holds/${holdId}/approve`)).json.code).toBe('HOLD_ALREADY_DECIDED');
  });

  it('answers concurrent approves with one key alike once the first is stored, and posts once', async () => {
    const id = await openAccount(ada, 20_000);
    const holdId = String((await ada('POST', '/withdraw', { accountId: id, amount: 12_000 })).json.holdId);
    const headers = { 'Idempotency-Key': `race-${holdId}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => operator('POST', `/holds/${holdId}/approve`, undefined, headers)));
    // A loser that finished before the winner stored its answer still gets 409; the rest get the 200.
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === 200 || r.json.code === 'HOLD_ALREADY_DECIDED')).toBe(true);
    expect(await balanceOf(ada, id)).toBe(8_000);
    const later = await operator('POST', `/holds/${holdId}/approve`, undefined, headers);
    expect([later.status, later.headers['Idempotent-Replayed']]).toEqual([200, 'true']);
  });

  it('replays a freeze, refuses the key with another reason, and stores nothing for a failed call', async () => {
    const id = await openAccount(ada, 1_000);
    const headers = { 'Idempotency-Key': `freeze-${id}` };
    expect((await operator('POST', `/accounts/${id}/freeze`, { reason: '' }, headers)).status).toBe(400);
    const first = await operator('POST', `/accounts/${id}/freeze`, { reason: 'fraud report' }, headers);
    const again = await operator('POST', `/accounts/${id}/freeze`, { reason: 'fraud report' }, headers);
    expect([first.status, again.status, again.headers['Idempotent-Replayed']]).toEqual([200, 200, 'true']);
    expect(again.body).toBe(first.body);
    expect((await operator('POST', `/accounts/${id}/freeze`, { reason: 'another' }, headers)).json.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // A customer's own key space: the same key from the owner is another key, and still 403 for them.
    expect((await ada('POST', `/accounts/${id}/freeze`, { reason: 'fraud report' }, headers)).status).toBe(403);
  });
});

describe('account status through the API', () => {
  it('freezes (operators only): debits 422 ACCOUNT_FROZEN, credits accepted; unfreezes', async () => {
    const id = await openAccount(ada, 100);
    expect((await ada('POST', `/accounts/${id}/freeze`, { reason: 'mine' })).status).toBe(403);
    expect((await operator('POST', `/accounts/${id}/freeze`, {})).status).toBe(400);
    expect((await operator('POST', `/accounts/${id}/freeze`, { reason: 'case 12' })).json.status).toBe('FROZEN');
    const refused = await ada('POST', '/withdraw', { accountId: id, amount: 1 });
    expect([refused.status, refused.json.code]).toEqual([422, 'ACCOUNT_FROZEN']);
    expect((await ada('POST', '/deposit', { accountId: id, amount: 1 })).status).toBe(200);
    const malformed = await operator('POST', `/accounts/${id}/unfreeze`, { reason: '' });
    expect(malformed.status).toBe(400);
    expect((await ada('GET', `/accounts/${id}`)).json.status).toBe('FROZEN');
    expect((await operator('POST', `/accounts/${id}/unfreeze`)).json.status).toBe('OPEN');
    expect((await ada('POST', '/withdraw', { accountId: id, amount: 1 })).status).toBe(200);
  });

  it('closes an empty account (owner or operator); a closed account refuses movements and stays readable', async () => {
    const id = await openAccount(ada, 10);
    const notEmpty = await ada('POST', `/accounts/${id}/close`);
    expect([notEmpty.status, notEmpty.json.code]).toEqual([422, 'BALANCE_NOT_ZERO']);
    await ada('POST', '/withdraw', { accountId: id, amount: 10 });
    expect((await api.as(testUser())('POST', `/accounts/${id}/close`)).status).toBe(404);
    expect((await ada('POST', `/accounts/${id}/close`)).json).toMatchObject({ status: 'CLOSED', balance: 0 });
    const refused = await ada('POST', '/deposit', { accountId: id, amount: 1 });
    expect([refused.status, refused.json.code]).toEqual([422, 'ACCOUNT_CLOSED']);
    expect((await ada('GET', `/accounts/${id}`)).json.status).toBe('CLOSED');
  });
});

describe('the risk policy', () => {
  it('is read and replaced by operators, validated, versioned, and applied by the next command', async () => {
    const stored = testApi(table, undefined, dynamoClient(), undefined, 'stored');
    const ops = stored.as(testUser({ operator: true }));
    expect((await stored.call('GET', '/risk/policy')).status).toBe(403);
    expect((await ops('GET', '/risk/policy')).json).toMatchObject({ ...toRiskPolicyDocument(DEFAULT_RISK_POLICY), version: 0 });
    const nonsense = await ops('PUT', '/risk/policy', { ...toRiskPolicyDocument(DEFAULT_RISK_POLICY), mode: 'lenient', reviewAmount: -1 });
    expect([nonsense.status, nonsense.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    const strict = { ...toRiskPolicyDocument(DEFAULT_RISK_POLICY), reviewAmount: 50, newAccount: { days: 0, maxDebit: 1 } };
    expect((await ops('PUT', '/risk/policy', strict)).json).toMatchObject({ reviewAmount: 50, version: 1 });
    const id = await openAccount(stored.call, 100);
    expect((await stored.call('POST', '/withdraw', { accountId: id, amount: 60 })).status).toBe(202);
    expect((await ops('PUT', '/risk/policy', toRiskPolicyDocument(PERMISSIVE_RISK_POLICY))).json.version).toBe(2);
    expect((await stored.call('POST', '/withdraw', { accountId: id, amount: 30 })).status).toBe(200);
  });

  it('lists cases for operators only (none yet), refusing a bad account id or cursor', async () => {
    expect((await ada('GET', '/risk/cases')).status).toBe(403);
    expect((await operator('GET', '/risk/cases', undefined, {}, { accountId: '123456789' })).json).toEqual({ items: [], nextCursor: null });
    expect((await operator('GET', '/risk/cases', undefined, {}, { accountId: 'bad id' })).status).toBe(400);
    const forged = await operator('GET', '/risk/cases', undefined, {}, { cursor: 'garbage' });
    expect(forged.status).toBe(400);
    expect(forged.json.errors).toEqual([expect.objectContaining({ path: '/cursor' })]);
  });
});
