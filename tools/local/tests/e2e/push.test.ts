import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalStack } from '../../src/stack';
import { callApi, messages, openCustomerAccount, post, startTestStack, waitForMessages, type SandboxMessage, type TestCustomer } from './helpers';
import { deliveryRecord, pushFault, registeredIds, registerSubscription, sandboxIdOf, subscribeBrowser, type BrowserSubscription } from '../support/push';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** A customer whose `devices` browsers subscribed at the sandbox, registered with the bank, and turned push on. */
async function customerWithDevices(devices: number): Promise<{ customer: TestCustomer; subscriptions: BrowserSubscription[]; ids: string[] }> {
  const customer = await openCustomerAccount(stack, {});
  const subscriptions: BrowserSubscription[] = [];
  const ids: string[] = [];
  for (let i = 0; i < devices; i++) {
    const subscription = await subscribeBrowser(stack);
    const registered = await registerSubscription(stack, customer.accessToken, subscription);
    if (registered.status !== 201) throw new Error(`could not register: HTTP ${registered.status} ${JSON.stringify(registered.json)}`);
    subscriptions.push(subscription);
    ids.push(String(registered.json.subscriptionId));
  }
  const on = await callApi(stack, 'PATCH', `/accounts/${customer.accountId}`, { notifications: { push: true } }, {}, customer.accessToken);
  if (on.status !== 200) throw new Error(`could not turn push on: HTTP ${on.status} ${JSON.stringify(on.json)}`);
  return { customer, subscriptions, ids };
}

const pushesTo = (all: SandboxMessage[], subscriptions: readonly BrowserSubscription[]) =>
  all.filter((m) => m.channel === 'push' && subscriptions.some((s) => s.endpoint === m.to));

async function deposit(customer: TestCustomer, amount: number): Promise<string> {
  const res = await post(stack, '/deposit', { accountId: customer.accountId, amount });
  expect(res.status).toBe(200);
  return String(res.json.transactionId);
}

async function dlqDepth(): Promise<number> {
  const queue = stack.resources.channels.push;
  if (!queue) throw new Error('no push queue');
  const sqs = new SQSClient({ endpoint: stack.endpoint, region: stack.region });
  const dlqUrl = queue.url.replace(/notify-push$/, 'notify-push-dlq');
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}

describe('push notifications on the local stack', () => {
  it("decrypts a deposit's push on each of the owner's devices, and on no one else's", async () => {
    const { customer, subscriptions } = await customerWithDevices(2);
    const neighbour = await customerWithDevices(1);

    const transactionId = await deposit(customer, 25);

    const received = pushesTo(await waitForMessages(stack, (all) => pushesTo(all, subscriptions).length >= 2), subscriptions);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(received.map((m) => m.to).sort()).toEqual(subscriptions.map((s) => s.endpoint).sort());
    for (const push of received) {
      expect(push).toMatchObject({
        provider: 'webpush',
        title: 'Deposit received',
        body: 'Alert: $25 deposited to your account. Available balance: $25.',
        data: { eventType: 'MoneyDeposited', accountSuffix: customer.accountId.slice(-4), transactionId },
      });
    }
    expect(pushesTo(await messages(stack), neighbour.subscriptions)).toEqual([]);
    expect(await deliveryRecord(stack, transactionId, 'push')).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('prunes exactly the subscription the push service says is gone (410) and still reaches the others', async () => {
    const { customer, subscriptions, ids } = await customerWithDevices(2);
    const [gone, kept] = subscriptions as [BrowserSubscription, BrowserSubscription];
    const keptId = ids[1];
    expect((await fetch(`${stack.sandboxUrl}/api/push/subscriptions/${sandboxIdOf(gone)}`, { method: 'DELETE' })).status).toBe(204);

    const transactionId = await deposit(customer, 10);

    await waitForMessages(stack, (all) => pushesTo(all, [kept]).length >= 1);
    expect(pushesTo(await messages(stack), [gone])).toEqual([]);
    expect(await registeredIds(stack, customer.accessToken)).toEqual([keptId]);
    expect(await deliveryRecord(stack, transactionId, 'push')).toMatchObject({ status: 'SENT' });
  });

  it('records a delivery whose only subscription answered 410 as SKIPPED subscription-expired, never a dead letter', async () => {
    const { customer, subscriptions } = await customerWithDevices(1);
    const dlqBefore = await dlqDepth();
    await pushFault(stack, 410, 1);

    const transactionId = await deposit(customer, 10);

    const deadline = Date.now() + 15_000;
    while ((await deliveryRecord(stack, transactionId, 'push'))?.status !== 'SKIPPED' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await deliveryRecord(stack, transactionId, 'push')).toMatchObject({ status: 'SKIPPED', skipReason: 'subscription-expired' });
    expect(await registeredIds(stack, customer.accessToken)).toEqual([]);
    expect(pushesTo(await messages(stack), subscriptions)).toEqual([]);
    expect(await dlqDepth()).toBe(dlqBefore);
  });

  it('retries through two 500s from the push service and delivers exactly once', async () => {
    const { customer, subscriptions } = await customerWithDevices(1);
    await pushFault(stack, 500, 2);

    const transactionId = await deposit(customer, 7);

    await waitForMessages(stack, (all) => pushesTo(all, subscriptions).length >= 1, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(pushesTo(await messages(stack), subscriptions)).toHaveLength(1);
    expect(await deliveryRecord(stack, transactionId, 'push')).toMatchObject({ status: 'SENT', attempts: 3 });
  });

  it.each([
    ['an http endpoint', (s: BrowserSubscription) => ({ ...s, endpoint: s.endpoint.replace('https:', 'http:') })],
    ['a host that is no push service', (s: BrowserSubscription) => ({ ...s, endpoint: 'https://attacker.example/push/1' })],
    ['the instance metadata address', (s: BrowserSubscription) => ({ ...s, endpoint: 'https://169.254.169.254/latest/meta-data/' })],
    ['no keys', (s: BrowserSubscription) => ({ endpoint: s.endpoint, expirationTime: null })],
  ])('refuses a subscription with %s (400) and registers nothing', async (_name, spoil) => {
    const customer = await openCustomerAccount(stack, {});
    const res = await registerSubscription(stack, customer.accessToken, spoil(await subscribeBrowser(stack)));
    expect(res.status).toBe(400);
    expect(await registeredIds(stack, customer.accessToken)).toEqual([]);
    expect(JSON.stringify(res.json)).not.toContain('p256dh');
  });
});
