import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalStack } from '../../src/stack';
import { messages, openCustomerAccount, post, republish, startTestStack, waitForMessages } from './helpers';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

function openAccount(channels: Readonly<Record<string, boolean>>, initialDeposit?: number) {
  return openCustomerAccount(stack, channels, initialDeposit ? { initialDeposit } : {});
}

describe('from a committed money movement to the customer', () => {
  it("delivers the brief's email and SMS exactly once each", async () => {
    const { accountId, email, phone } = await openAccount({ email: true, sms: true });
    expect((await post(stack, '/deposit', { accountId, amount: 4000 })).status).toBe(200);
    expect((await post(stack, '/deposit', { accountId, amount: 1000 })).json.newBalance).toBe(5000);
    expect((await post(stack, '/withdraw', { accountId, amount: 500 })).json.newBalance).toBe(4500);

    const mine = (all: Awaited<ReturnType<typeof messages>>) => all.filter((m) => m.to === email || m.to === phone);
    const all = mine(await waitForMessages(stack, (a) => mine(a).length >= 6));
    const deposit1000 = all.filter(
      (m) => m.channel === 'email' && m.subject === 'Transaction Confirmation' && m.body === 'Your deposit of $1000 was successful. Your new balance is $5000.',
    );
    const withdrawal500 = all.filter((m) => m.channel === 'sms' && m.body === 'Alert: $500 withdrawn from your account. Available balance: $4500.');
    expect(deposit1000).toHaveLength(1);
    expect(withdrawal500).toHaveLength(1);
    expect(all.filter((m) => m.channel === 'email')).toHaveLength(3);
    expect(all.filter((m) => m.channel === 'sms')).toHaveLength(3);
  });

  it('sends nothing to a customer with every channel off', async () => {
    const off = await openAccount({});
    const on = await openAccount({ email: true });
    await post(stack, '/deposit', { accountId: off.accountId, amount: 10 });
    await post(stack, '/deposit', { accountId: on.accountId, amount: 10 });
    await waitForMessages(stack, (all) => all.some((m) => m.to === on.email));
    await new Promise((r) => setTimeout(r, 1000));
    const all = await messages(stack);
    expect(all.filter((m) => m.to === off.email || m.to === off.phone)).toHaveLength(0);
  });

  it('does not send twice when SNS or SQS deliver an event twice', async () => {
    const { accountId, email, phone } = await openAccount({ email: true, sms: true });
    const res = await post(stack, '/deposit', { accountId, amount: 12.5 });
    await waitForMessages(stack, (all) => all.filter((m) => m.to === email || m.to === phone).length === 2);
    // Re-deliver the very event the relay published: once through SNS, once straight to a queue.
    const event = {
      specversion: '1.0',
      id: String(res.json.transactionId),
      source: 'bank.account',
      type: 'MoneyDeposited',
      time: String(res.json.timestamp),
      subject: accountId,
      datacontenttype: 'application/json',
      dataschema: 'urn:bank:events:MoneyDeposited:v1',
      data: { accountId, transactionId: String(res.json.transactionId), type: 'DEPOSIT', amount: 1250, balanceAfter: 1250, currency: 'USD' },
    };
    const config = { endpoint: stack.endpoint, region: 'us-east-1' };
    await republish(stack, event, ['email', 'sms']);
    await new SQSClient(config).send(new SendMessageCommand({ QueueUrl: stack.resources.channels.email?.url, MessageBody: JSON.stringify(event) }));
    await new Promise((r) => setTimeout(r, 1500));
    const all = (await messages(stack)).filter((m) => m.to === email || m.to === phone);
    expect(all.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
  });

  it('retries an SMS through three provider failures and delivers it exactly once', async () => {
    const { accountId, phone } = await openAccount({ sms: true });
    await fetch(`${stack.sandboxUrl}/api/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ provider: 'twilio', status: 500, count: 3 }),
    });
    await post(stack, '/deposit', { accountId, amount: 7 });
    const sms = (await waitForMessages(stack, (all) => all.some((m) => m.to === phone), 45_000)).filter((m) => m.to === phone);
    expect(sms.map((m) => m.body)).toEqual(['Alert: $7 deposited to your account. Available balance: $7.']);
    const faults = (await (await fetch(`${stack.sandboxUrl}/api/faults`)).json()) as { refused: Record<string, number> };
    expect(faults.refused.twilio).toBe(3);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await messages(stack)).filter((m) => m.to === phone)).toHaveLength(1);
  });
});
