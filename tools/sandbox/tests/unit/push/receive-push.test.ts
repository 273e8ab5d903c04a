import webpush from 'web-push';
import { receivePush } from '../../../src/push/receive-push';
import { PushSubscriptions } from '../../../src/push/subscriptions';

const ORIGIN = 'https://127.0.0.1:4011';
const vapid = webpush.generateVAPIDKeys();
const subscriptions = new PushSubscriptions(ORIGIN, () => new Date());

/** The request web-push would send (encrypted for the subscription, VAPID-signed), as the service receives it. */
function pushRequest(payload: string, options: webpush.RequestOptions = {}) {
  const { subscription, json } = subscriptions.create(vapid.publicKey);
  const details = webpush.generateRequestDetails(json, payload, {
    vapidDetails: { subject: 'mailto:ops@bank.example', publicKey: vapid.publicKey, privateKey: vapid.privateKey },
    TTL: 120,
    ...options,
  });
  const headers = Object.fromEntries(Object.entries(details.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
  return { subscription, headers, body: Buffer.from(details.body ?? Buffer.alloc(0)), origin: ORIGIN, now: new Date() };
}

describe('receivePush', () => {
  it('decrypts the payload (RFC 8291) and captures title, body and data for the endpoint', () => {
    const request = pushRequest(JSON.stringify({ title: 'Deposit received', body: 'Alert: $10 deposited.', data: { eventType: 'MoneyDeposited' } }), { urgency: 'high' });
    const { reply, message } = receivePush(request);
    expect(reply).toMatchObject({ status: 201, headers: { Location: expect.stringMatching(new RegExp(`^${ORIGIN}/message/`)) } });
    expect(message).toMatchObject({
      provider: 'webpush',
      channel: 'push',
      to: request.subscription.endpoint,
      from: 'mailto:ops@bank.example',
      title: 'Deposit received',
      body: 'Alert: $10 deposited.',
      data: { eventType: 'MoneyDeposited' },
      ttl: 120,
      urgency: 'high',
    });
  });

  it('keeps a payload that is not JSON as its text', () => {
    expect(receivePush(pushRequest('hello')).message).toMatchObject({ body: 'hello' });
    expect(receivePush(pushRequest('hello')).message).not.toHaveProperty('title');
  });

  it('answers 404 for an unknown subscription and 410 for an unsubscribed one', () => {
    const request = pushRequest('x');
    expect(receivePush({ ...request, subscription: undefined }).reply.status).toBe(404);
    subscriptions.expire(request.subscription.id);
    expect(receivePush(request).reply.status).toBe(410);
  });

  it('requires a TTL header', () => {
    const request = pushRequest('x');
    const { ttl: _ttl, ...headers } = request.headers;
    expect(receivePush({ ...request, headers }).reply.status).toBe(400);
  });

  it('refuses a payload over 4096 bytes with 413', () => {
    const request = pushRequest('x');
    expect(receivePush({ ...request, body: Buffer.alloc(4097) }).reply.status).toBe(413);
  });

  it('refuses a payload that was not encrypted for this subscription', () => {
    const request = pushRequest('secret');
    const other = pushRequest('other');
    expect(receivePush({ ...request, body: other.body }).reply.status).toBe(400);
  });
});
