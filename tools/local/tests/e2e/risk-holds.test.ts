import { DEFAULT_RISK_POLICY, toRiskPolicyDocument } from '@bank/risk-policy';
import type { LocalStack } from '../../src/stack';
import { callApi, messages, openCustomerAccount, startTestStack, waitForMessages, type TestCustomer } from './helpers';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack();
  // The defaults cap a new account's debits at $2500 for a week; these tests are about holds.
  const policy = { ...toRiskPolicyDocument(DEFAULT_RISK_POLICY), newAccount: { days: 0, maxDebit: 2500 } };
  const res = await callApi(stack, 'PUT', '/risk/policy', policy);
  if (res.status !== 200) throw new Error(`could not set the policy: ${res.status} ${JSON.stringify(res.json)}`);
});

afterAll(async () => {
  await stack?.stop();
});

async function richCustomer(): Promise<TestCustomer> {
  const customer = await openCustomerAccount(stack, { email: true, sms: true });
  expect((await callApi(stack, 'POST', '/deposit', { accountId: customer.accountId, amount: 20_000 })).status).toBe(200);
  return customer;
}

const sms = async (customer: TestCustomer, text: string) =>
  (await waitForMessages(stack, (all) => all.some((m) => m.to === customer.phone && m.body.includes(text)))).filter((m) => m.to === customer.phone && m.body.includes(text));

describe('review holds on the local stack', () => {
  it('tells the customer a large withdrawal is being reviewed, then that it was declined', async () => {
    const customer = await richCustomer();
    const held = await callApi(stack, 'POST', '/withdraw', { accountId: customer.accountId, amount: 12_000 }, {}, customer.accessToken);
    expect(held.status).toBe(202);
    expect(held.json).toMatchObject({ status: 'PENDING_REVIEW', availableBalance: 8_000 });
    expect(await sms(customer, 'being reviewed')).toEqual([
      expect.objectContaining({ body: 'Alert: your withdrawal of $12000 is being reviewed. Available balance: $8000.' }),
    ]);
    const email = (await waitForMessages(stack, (all) => all.some((m) => m.to === customer.email && m.subject === 'Payment under review'))).find((m) => m.to === customer.email && m.subject === 'Payment under review');
    expect(email?.body).toBe('Your withdrawal of $12000 is being reviewed. Until it is decided, your available balance is $8000.');

    const declined = await callApi(stack, 'POST', `/holds/${String(held.json.holdId)}/decline`, { reason: 'not confirmed' });
    expect(declined.json.status).toBe('DECLINED');
    expect(await sms(customer, 'was declined')).toEqual([expect.objectContaining({ body: 'Alert: your withdrawal of $12000 was declined. Available balance: $20000.' })]);
    expect((await callApi(stack, 'GET', `/accounts/${customer.accountId}`, undefined, {}, customer.accessToken)).json).toMatchObject({ balance: 20_000, availableBalance: 20_000 });
  });

  it('posts an approved hold once: the usual withdrawal message, and the approval', async () => {
    const customer = await richCustomer();
    const held = await callApi(stack, 'POST', '/withdraw', { accountId: customer.accountId, amount: 15_000 }, {}, customer.accessToken);
    const holdId = String(held.json.holdId);
    const [a, b] = await Promise.all([callApi(stack, 'POST', `/holds/${holdId}/approve`), callApi(stack, 'POST', `/holds/${holdId}/approve`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await sms(customer, 'withdrawn')).toEqual([expect.objectContaining({ body: 'Alert: $15000 withdrawn from your account. Available balance: $5000.' })]);
    expect(await sms(customer, 'was approved')).toHaveLength(1);
    expect((await callApi(stack, 'GET', `/accounts/${customer.accountId}`, undefined, {}, customer.accessToken)).json).toMatchObject({ balance: 5_000, availableBalance: 5_000 });
  });

  it('a frozen account refuses withdrawals and still receives; customers cannot freeze or decide', async () => {
    const customer = await richCustomer();
    expect((await callApi(stack, 'POST', `/accounts/${customer.accountId}/freeze`, { reason: 'x' }, {}, customer.accessToken)).status).toBe(403);
    expect((await callApi(stack, 'GET', '/holds', undefined, {}, customer.accessToken)).status).toBe(403);
    expect((await callApi(stack, 'POST', `/accounts/${customer.accountId}/freeze`, { reason: 'case review' })).json.status).toBe('FROZEN');
    const refused = await callApi(stack, 'POST', '/withdraw', { accountId: customer.accountId, amount: 10 }, {}, customer.accessToken);
    expect([refused.status, refused.json.code]).toEqual([422, 'ACCOUNT_FROZEN']);
    expect((await callApi(stack, 'POST', '/deposit', { accountId: customer.accountId, amount: 10 }, {}, customer.accessToken)).status).toBe(200);
    expect((await callApi(stack, 'POST', `/accounts/${customer.accountId}/unfreeze`)).json.status).toBe('OPEN');
    expect((await messages(stack)).filter((m) => m.to === customer.phone && /frozen/i.test(m.body))).toEqual([]);
  });
});
