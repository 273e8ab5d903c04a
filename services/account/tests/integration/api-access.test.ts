import { balanceOf, createAccountsTable, historyOf, openAccount, testApi, testUser, type Call, type TestApi } from './harness';

let api: TestApi;
let ada: Call;
let bob: Call;
let operator: Call;
let adaAccount: string;
let bobAccount: string;

beforeAll(async () => {
  api = testApi(await createAccountsTable());
  ada = api.call;
  bob = api.as(testUser());
  operator = api.as(testUser({ operator: true }));
  adaAccount = await openAccount(ada, 100);
  bobAccount = await openAccount(bob, 100);
});

/** The same 404 body an unknown id gets, apart from the id it names. */
async function expectReadsAsMissing(res: Promise<{ status: number; json: Record<string, unknown> }>, accountId: string): Promise<void> {
  const missing = await bob('GET', '/accounts/000000000000');
  const got = await res;
  expect(got.status).toBe(404);
  expect({ ...got.json, detail: String(got.json.detail).replace(accountId, 'ID') }).toEqual({
    ...missing.json,
    detail: String(missing.json.detail).replace('000000000000', 'ID'),
  });
}

describe('ownership: a customer sees and moves only their own accounts', () => {
  it('answers another customer\'s account exactly like a missing one, on every route', async () => {
    await expectReadsAsMissing(bob('GET', `/accounts/${adaAccount}`), adaAccount);
    await expectReadsAsMissing(bob('GET', `/accounts/${adaAccount}/transactions`), adaAccount);
    await expectReadsAsMissing(bob('GET', `/accounts/${adaAccount}/notifications`), adaAccount);
    await expectReadsAsMissing(bob('POST', '/withdraw', { accountId: adaAccount, amount: 1 }), adaAccount);
    await expectReadsAsMissing(bob('POST', '/deposit', { accountId: adaAccount, amount: 1 }), adaAccount);
    await expectReadsAsMissing(bob('POST', '/transfer', { fromAccountId: adaAccount, toAccountId: bobAccount, amount: 1 }), adaAccount);
    await expectReadsAsMissing(bob('PATCH', `/accounts/${adaAccount}`, { notifications: { sms: false } }), adaAccount);
    expect(await balanceOf(ada, adaAccount)).toBe(100);
    expect(await historyOf(ada, adaAccount)).toHaveLength(1);
  });

  it('lets a customer credit any account by transfer, from their own', async () => {
    const res = await bob('POST', '/transfer', { fromAccountId: bobAccount, toAccountId: adaAccount, amount: 5 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ newBalance: 95, toAccountId: adaAccount });
    expect(await balanceOf(ada, adaAccount)).toBe(105);
  });

  it('lists only the caller\'s accounts and reports the profile from the identity', async () => {
    const second = await openAccount(bob);
    const list = await bob('GET', '/accounts');
    expect((list.json.items as { accountId: string }[]).map((a) => a.accountId)).toEqual([bobAccount, second]);
    const me = await bob('GET', '/me');
    expect(me.json).toMatchObject({ emailVerified: true, phoneVerified: true, accounts: [bobAccount, second] });
  });

  it('refuses a customer who chooses an account id or opens for someone else with 403', async () => {
    const chosen = await ada('POST', '/accounts', { accountId: 'my-vanity-id' });
    expect([chosen.status, chosen.json.code]).toEqual([403, 'FORBIDDEN']);
    // Another customer's id: the caller's with its first character changed (never to itself).
    const otherSub = `${api.me.sub.startsWith('f') ? 'e' : 'f'}${api.me.sub.slice(1)}`;
    const forOther = await ada('POST', '/accounts', { ownerId: otherSub });
    expect([forOther.status, forOther.json.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('refuses contact details in a body: they come from the identity', async () => {
    const res = await ada('POST', '/accounts', { owner: { name: 'X', email: 'x@example.com', phone: '+15555550199' } });
    expect([res.status, res.json.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('operators', () => {
  it('read, deposit on and withdraw from any account', async () => {
    expect((await operator('GET', `/accounts/${bobAccount}`)).status).toBe(200);
    expect((await operator('GET', `/accounts/${bobAccount}/transactions`)).status).toBe(200);
    expect((await operator('POST', '/deposit', { accountId: bobAccount, amount: 10 })).status).toBe(200);
    expect((await operator('POST', '/withdraw', { accountId: bobAccount, amount: 10 })).status).toBe(200);
  });

  it('open an account for a customer under a chosen id, once', async () => {
    const carol = testUser();
    api.as(carol); // known to the identity provider
    const body = { accountId: `ops-${carol.sub.slice(0, 8)}`, ownerId: carol.sub, initialDeposit: 40 };
    const res = await operator('POST', '/accounts', body);
    expect(res.status).toBe(201);
    expect((await api.as(carol)('GET', '/accounts')).json.items).toEqual([expect.objectContaining({ accountId: body.accountId, balance: 40 })]);
    const again = await operator('POST', '/accounts', body);
    expect([again.status, again.json.code]).toEqual([409, 'ACCOUNT_EXISTS']);
  });

  it('cannot change a customer\'s notification choices (403, not 404: they can see the account)', async () => {
    const res = await operator('PATCH', `/accounts/${bobAccount}`, { notifications: { sms: false } });
    expect([res.status, res.json.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('notification choices follow the identity\'s verified contacts', () => {
  it('defaults SMS off and refuses to turn it on while the phone is not verified', async () => {
    const unverified = api.as(testUser({ phoneVerified: false }));
    const id = await openAccount(unverified);
    expect((await unverified('GET', `/accounts/${id}`)).json.notifications).toEqual({ email: true, sms: false, whatsapp: false, push: false });
    const res = await unverified('PATCH', `/accounts/${id}`, { notifications: { sms: true } });
    expect([res.status, res.json.code]).toEqual([422, 'CONTACT_NOT_VERIFIED']);
    const opening = await unverified('POST', '/accounts', { notifications: { whatsapp: true } });
    expect([opening.status, opening.json.code]).toEqual([422, 'CONTACT_NOT_VERIFIED']);
    expect((await unverified('GET', '/accounts')).json.items).toHaveLength(1);
  });

  it('turns channels on and off for the owner, keeping the others', async () => {
    const res = await ada('PATCH', `/accounts/${adaAccount}`, { notifications: { whatsapp: true, email: false } });
    expect(res.status).toBe(200);
    expect(res.json.notifications).toEqual({ email: false, sms: true, whatsapp: true, push: false });
  });

  it('refuses an unknown channel and an empty change with 400', async () => {
    expect((await ada('PATCH', `/accounts/${adaAccount}`, { notifications: { pigeon: true } })).status).toBe(400);
    expect((await ada('PATCH', `/accounts/${adaAccount}`, { notifications: {} })).status).toBe(400);
  });
});

describe('tokens the edge passes', () => {
  it.each([
    ['no claims at all', null],
  ])('refuses %s with 401 and changes nothing', async (_name, user) => {
    const res = await api.as(user)('POST', '/deposit', { accountId: adaAccount, amount: 1 });
    expect([res.status, res.json.code, res.headers['WWW-Authenticate']]).toEqual([401, 'UNAUTHENTICATED', 'Bearer']);
  });
});
