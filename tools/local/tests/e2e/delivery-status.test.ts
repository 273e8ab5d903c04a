import { createHmac } from 'node:crypto';
import type { LocalStack } from '../../src/stack';
import { deliveriesItem, deliveryRecord } from '../support/push';
import { bankctl } from './operations-bankctl';
import { callApi, messages, openCustomerAccount, post, startTestStack, waitForMessages } from './helpers';

/** End to end: the sandbox calls back as the providers do, the delivery-status function records it, a bounce turns email off. */

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function outcome(to: string, status: string, options: { reportFirst?: boolean; answerAfterMs?: number } = {}): Promise<void> {
  const res = await fetch(`${stack.sandboxUrl}/api/outcomes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, status, ...options }) });
  expect(res.status).toBe(201);
}

/** Polls the delivery record of (event, channel) until `done` holds. */
async function waitForDelivery(eventId: string, channel: string, done: (record: Record<string, unknown>) => boolean, timeoutMs = 30_000): Promise<Record<string, unknown> | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await deliveryRecord(stack, eventId, channel);
    if ((record && done(record)) || Date.now() > deadline) return record;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function deposit(accountId: string, amount: number): Promise<string> {
  const res = await post(stack, '/deposit', { accountId, amount });
  expect(res.status).toBe(200);
  return String(res.json.transactionId);
}

/** The StatusCallback URL the Twilio plugin gives a message: the webhook with its notification key. */
const twilioCallbackUrl = (notificationKey?: string) =>
  `${stack.apiUrl}/webhooks/twilio${notificationKey === undefined ? '' : `?${new URLSearchParams({ notificationKey }).toString()}`}`;

/** A Twilio status callback to `url`, signed the way Twilio signs, with the auth token the local stack gave the plugins (the sandbox's). */
function twilioCallback(url: string, params: Record<string, string>, token = process.env.TWILIO_AUTH_TOKEN ?? ''): [string, RequestInit] {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  return [
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': createHmac('sha1', token).update(data).digest('base64') },
      body: new URLSearchParams(params).toString(),
    },
  ];
}

/** The sandbox's callbacks for the message to `to` of transaction `txId`, as [status, API answer], once every post was answered. */
async function settledCallbacks(to: string, txId: string): Promise<(string | number | undefined)[][]> {
  const answers = async () => {
    const all = (await fetch(`${stack.sandboxUrl}/api/messages?to=${encodeURIComponent(to)}`).then((r) => r.json())) as { messages: { callbacks?: { status: string; url: string; httpStatus?: number }[] }[] };
    const callbacks = all.messages.find((m) => m.callbacks?.some((c) => c.url.includes(txId) || c.url.endsWith('/webhooks/sendgrid')))?.callbacks ?? [];
    return callbacks.length > 0 && callbacks.every((c) => c.httpStatus !== undefined) && callbacks.at(-1)?.httpStatus !== 503 ? callbacks.map((c) => [c.status, c.httpStatus]) : undefined;
  };
  for (let tries = 0; tries < 100; tries += 1) {
    const seen = await answers();
    if (seen) return seen;
    await new Promise((r) => setTimeout(r, 100));
  }
  return (await answers()) ?? [];
}

describe('delivery status from the providers', () => {
  it('records delivered for both an SMS and an email, with the masked address and the provider ids', async () => {
    const customer = await openCustomerAccount(stack, { email: true, sms: true });
    const txId = await deposit(customer.accountId, 25);
    const sms = await waitForDelivery(txId, 'sms', (r) => r.status === 'DELIVERED');
    const email = await waitForDelivery(txId, 'email', (r) => r.status === 'DELIVERED');
    expect(sms).toMatchObject({ status: 'DELIVERED', provider: 'twilio', providerMessageId: expect.stringMatching(/^SM/), to: `•••${customer.phone.slice(-4)}` });
    expect(email).toMatchObject({ status: 'DELIVERED', provider: 'sendgrid', to: '•••@example.com' });
    expect(JSON.stringify([sms, email])).not.toContain(customer.email);
    // Both providers' reports carry the notification key: no provider-message lookup items.
    expect(await deliveriesItem(stack, `MSG#twilio#${String(sms?.providerMessageId)}`)).toBeUndefined();
    expect(await deliveriesItem(stack, `MSG#sendgrid#${String(email?.providerMessageId)}`)).toBeUndefined();

    const shown = await bankctl<{ deliveries: { channel: string; status: string; providerMessageId: string }[] }>(stack, 'deliveries', 'show', txId, '--json');
    expect(shown.code).toBe(0);
    expect(shown.json.deliveries.map((d) => [d.channel, d.status, d.providerMessageId])).toEqual([
      ['email', 'DELIVERED', email?.providerMessageId],
      ['sms', 'DELIVERED', sms?.providerMessageId],
    ]);
  });

  it("records reports that reach the bank before the notifier has recorded SENT (a provider that reports, then answers)", async () => {
    const customer = await openCustomerAccount(stack, { email: true, sms: true });
    await outcome(customer.phone, 'delivered', { reportFirst: true });
    await outcome(customer.email, 'bounce', { reportFirst: true });
    const txId = await deposit(customer.accountId, 27);
    expect(await waitForDelivery(txId, 'sms', (r) => r.status === 'DELIVERED')).toMatchObject({ status: 'DELIVERED', provider: 'twilio' });
    expect(await waitForDelivery(txId, 'email', (r) => r.status === 'BOUNCED')).toMatchObject({ status: 'BOUNCED', provider: 'sendgrid' });
    // Each report went out before the provider answered the send, and the API took it (204) once SENT was recorded.
    expect(await settledCallbacks(customer.phone, txId)).toEqual([
      ['sent', 204],
      ['delivered', 204],
    ]);
    expect(await settledCallbacks(customer.email, txId)).toEqual([['bounce', 204]]);
  });

  it("records a report the API could not place yet once the provider sends it again (503 DELIVERY_IN_FLIGHT, then the provider's retry)", async () => {
    const customer = await openCustomerAccount(stack, { email: true, sms: true });
    // Each provider reports at once and answers the send 3 s later: far longer than the API looks again (750 ms), however slow the machine.
    await outcome(customer.phone, 'delivered', { reportFirst: true, answerAfterMs: 3000 });
    await outcome(customer.email, 'bounce', { reportFirst: true, answerAfterMs: 3000 });
    const txId = await deposit(customer.accountId, 28);
    expect(await waitForDelivery(txId, 'sms', (r) => r.status === 'DELIVERED')).toMatchObject({ status: 'DELIVERED', provider: 'twilio' });
    expect(await waitForDelivery(txId, 'email', (r) => r.status === 'BOUNCED')).toMatchObject({ status: 'BOUNCED', provider: 'sendgrid' });
    // Twilio retried because the plugin's StatusCallback asks it to (its connection overrides); SendGrid retries on its own.
    const sms = await settledCallbacks(customer.phone, txId);
    expect(sms.slice(0, 2)).toEqual([
      ['sent', 204],
      ['delivered', 503],
    ]);
    expect(sms.at(-1)).toEqual(['delivered', 204]);
    expect(sms.slice(2, -1).every(([status, answer]) => status === 'delivered' && answer === 503)).toBe(true);
    const email = await settledCallbacks(customer.email, txId);
    expect(email[0]).toEqual(['bounce', 503]);
    expect(email.at(-1)).toEqual(['bounce', 204]);
  });

  it('records an undelivered SMS and keeps SMS on (a phone that is off comes back)', async () => {
    const customer = await openCustomerAccount(stack, { sms: true });
    await outcome(customer.phone, 'undelivered');
    const txId = await deposit(customer.accountId, 30);
    expect(await waitForDelivery(txId, 'sms', (r) => r.status !== 'SENT' && r.status !== 'SENDING')).toMatchObject({ status: 'UNDELIVERED', errorCode: '30003' });
    const account = await callApi(stack, 'GET', `/accounts/${customer.accountId}`);
    expect(account.json.notifications).toMatchObject({ sms: true });
  });

  it('turns email off after a hard bounce, tells the customer by SMS once, and sends no further email', async () => {
    const customer = await openCustomerAccount(stack, { email: true, sms: true });
    await outcome(customer.email, 'bounce');
    const txId = await deposit(customer.accountId, 40);
    expect(await waitForDelivery(txId, 'email', (r) => r.status === 'BOUNCED')).toMatchObject({ status: 'BOUNCED', errorCode: '5.1.1' });

    const told = (all: Awaited<ReturnType<typeof messages>>) => all.filter((m) => m.to === customer.phone && m.body.includes('could not reach you'));
    expect(told(await waitForMessages(stack, (all) => told(all).length >= 1, 30_000))).toHaveLength(1);
    const account = await callApi(stack, 'GET', `/accounts/${customer.accountId}`);
    expect(account.json.notifications).toMatchObject({ email: false, sms: true });

    const before = (await messages(stack)).filter((m) => m.to === customer.email).length;
    await deposit(customer.accountId, 41);
    await waitForMessages(stack, (all) => all.filter((m) => m.to === customer.phone && m.body.includes('$41')).length >= 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await messages(stack)).filter((m) => m.to === customer.email)).toHaveLength(before);
    expect(told(await messages(stack))).toHaveLength(1);
  });

  it('changes nothing for forged callbacks or a tampered key, and acknowledges message ids and keys it never sent', async () => {
    const customer = await openCustomerAccount(stack, { sms: true });
    await outcome(customer.phone, 'none');
    const txId = await deposit(customer.accountId, 50);
    const sent = await waitForDelivery(txId, 'sms', (r) => r.status === 'SENT');
    const sid = String(sent?.providerMessageId);

    const key = `${txId}:sms`;
    const forged = await fetch(...twilioCallback(twilioCallbackUrl(key), { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30005' }, 'not-the-token'));
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toBe('application/problem+json');
    // Signed for this delivery's key, sent with another's in the URL.
    const [, signed] = twilioCallback(twilioCallbackUrl(key), { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30005' });
    const tampered = await fetch(twilioCallbackUrl(`${txId}x:sms`), signed);
    expect(tampered.status).toBe(403);
    const unsigned = await fetch(`${stack.apiUrl}/webhooks/sendgrid`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(unsigned.status).toBe(401);
    expect(await deliveryRecord(stack, txId, 'sms')).toMatchObject({ status: 'SENT' });
    expect((await callApi(stack, 'GET', `/accounts/${customer.accountId}`)).json.notifications).toMatchObject({ sms: true });

    const unknown = await fetch(...twilioCallback(twilioCallbackUrl(), { MessageSid: `SM${'f'.repeat(32)}`, MessageStatus: 'delivered' }));
    expect(unknown.status).toBe(204);
    const unknownKey = await fetch(...twilioCallback(twilioCallbackUrl(`${txId}x:sms`), { MessageSid: sid, MessageStatus: 'delivered' }));
    expect(unknownKey.status).toBe(204);
    const otherMessage = await fetch(...twilioCallback(twilioCallbackUrl(key), { MessageSid: `SM${'e'.repeat(32)}`, MessageStatus: 'undelivered', ErrorCode: '30005' }));
    expect(otherMessage.status).toBe(204);
    expect(await deliveryRecord(stack, txId, 'sms')).toMatchObject({ status: 'SENT' });
    const genuine = await fetch(...twilioCallback(twilioCallbackUrl(key), { MessageSid: sid, MessageStatus: 'delivered' }));
    expect(genuine.status).toBe(204);
    expect(await deliveryRecord(stack, txId, 'sms')).toMatchObject({ status: 'DELIVERED' });
  });

  it("lists the account's notifications to its owner, newest first and masked, and to no one else", async () => {
    const customer = await openCustomerAccount(stack, { email: true, sms: true });
    const other = await openCustomerAccount(stack, { email: true });
    const first = await deposit(customer.accountId, 10);
    await waitForDelivery(first, 'sms', (r) => r.status === 'DELIVERED');
    const second = await deposit(customer.accountId, 11);
    await waitForDelivery(second, 'email', (r) => r.status === 'DELIVERED');
    await waitForDelivery(second, 'sms', (r) => r.status === 'DELIVERED');

    const page = await callApi(stack, 'GET', `/accounts/${customer.accountId}/notifications?limit=100`, undefined, {}, customer.accessToken);
    expect(page.status).toBe(200);
    const items = page.json.items as { eventId: string; channel: string; status: string; to?: string }[];
    expect(items.findIndex((i) => i.eventId === second)).toBeLessThan(items.findIndex((i) => i.eventId === first));
    expect(items.filter((i) => i.eventId === second).map((i) => [i.channel, i.status, i.to]).sort()).toEqual([
      ['email', 'DELIVERED', '•••@example.com'],
      ['sms', 'DELIVERED', `•••${customer.phone.slice(-4)}`],
    ]);
    expect(JSON.stringify(page.json)).not.toContain(customer.email);
    expect((await callApi(stack, 'GET', `/accounts/${customer.accountId}/notifications`, undefined, {}, other.accessToken)).status).toBe(404);
    expect((await callApi(stack, 'GET', `/accounts/${customer.accountId}/notifications`)).status).toBe(200);
    expect((await callApi(stack, 'GET', `/accounts/${customer.accountId}/notifications?cursor=forged`, undefined, {}, customer.accessToken)).status).toBe(400);
  });
});
