import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { rootCertificates } from 'node:tls';
import webpush from 'web-push';
import { startSandbox, type Sandbox } from '../../src/index';

let sandbox: Sandbox;
let agent: Agent;
const vapid = webpush.generateVAPIDKeys();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
  agent = new Agent({ ca: [...rootCertificates, readFileSync(sandbox.caFile, 'utf8')] });
});
afterAll(async () => {
  agent.destroy();
  await sandbox.stop();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/api/faults`, { method: 'DELETE' });
  sandbox.clear();
});

interface SubscriptionJson {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

async function subscribe(body: unknown = { applicationServerKey: vapid.publicKey }): Promise<SubscriptionJson> {
  const res = await fetch(`${sandbox.url}/api/push/subscriptions`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as SubscriptionJson;
}

const push = (subscription: SubscriptionJson, payload: string) =>
  webpush.sendNotification(subscription, payload, { vapidDetails: { subject: 'mailto:ops@bank.example', ...vapid }, TTL: 60, agent }).then(
    (ok) => ok.statusCode,
    (error: { statusCode?: number }) => error.statusCode ?? -1,
  );

describe('the sandbox Web Push service', () => {
  it('hands out browser-shaped subscriptions on its own HTTPS origin', async () => {
    const subscription = await subscribe();
    expect(subscription).toEqual({
      endpoint: expect.stringMatching(new RegExp(`^${sandbox.pushUrl}/push/`)),
      expirationTime: null,
      keys: { p256dh: expect.stringMatching(/^[A-Za-z0-9_-]{87}$/), auth: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) },
    });
    expect(sandbox.pushUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('decrypts what web-push sends and lists it with the other messages', async () => {
    const subscription = await subscribe();
    expect(await push(subscription, JSON.stringify({ title: 'Hi', body: 'Alert: $5 deposited.', data: { eventType: 'MoneyDeposited' } }))).toBe(201);
    const res = await fetch(`${sandbox.url}/api/messages?channel=push&to=${encodeURIComponent(subscription.endpoint)}`);
    expect(((await res.json()) as { messages: unknown[] }).messages).toEqual([
      expect.objectContaining({ provider: 'webpush', channel: 'push', to: subscription.endpoint, title: 'Hi', body: 'Alert: $5 deposited.' }),
    ]);
  });

  it('fails pushes as told by a webpush fault, then accepts again', async () => {
    const subscription = await subscribe();
    await fetch(`${sandbox.url}/api/faults`, { method: 'POST', body: JSON.stringify({ provider: 'webpush', status: 410, count: 1 }) });
    expect(await push(subscription, 'a')).toBe(410);
    expect(await push(subscription, 'b')).toBe(201);
    expect(sandbox.messages().map((m) => m.body)).toEqual(['b']);
  });

  it('answers 410 once the subscription is deleted, as for a browser that unsubscribed', async () => {
    const subscription = await subscribe();
    const id = subscription.endpoint.split('/').pop() ?? '';
    expect((await fetch(`${sandbox.url}/api/push/subscriptions/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await push(subscription, 'a')).toBe(410);
  });

  it('refuses a push signed with another application server key than the subscription was made for', async () => {
    const subscription = await subscribe({ applicationServerKey: webpush.generateVAPIDKeys().publicKey });
    expect(await push(subscription, 'a')).toBe(403);
  });

  it('refuses a push without VAPID authorization', async () => {
    const subscription = await subscribe();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(subscription.endpoint, { method: 'POST', agent, headers: { TTL: '60' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('plain');
    });
    expect(status).toBe(401);
  });

  it('shows a subscription its notifications on a device page', async () => {
    const subscription = await subscribe();
    const id = subscription.endpoint.split('/').pop() ?? '';
    const page = await fetch(`${sandbox.url}/devices/${id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`/api/messages?channel=push&to=${encodeURIComponent(subscription.endpoint)}`);
    expect((await fetch(`${sandbox.url}/devices/nope`)).status).toBe(404);
  });
});

describe('the generic provider', () => {
  it('captures one JSON notification per POST on the channel of its path', async () => {
    const res = await fetch(`${sandbox.url}/generic/pager/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer local' },
      body: JSON.stringify({ to: 'pager-7', title: 'T', body: 'B' }),
    });
    expect(res.status).toBe(202);
    expect(sandbox.messages()[0]).toMatchObject({ provider: 'generic', channel: 'pager', to: 'pager-7', title: 'T', body: 'B' });
  });

  it('wants a bearer token and a recipient', async () => {
    const post = (headers: Record<string, string>, body: unknown) => fetch(`${sandbox.url}/generic/pager/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect((await post({}, { to: 'a', body: 'b' })).status).toBe(401);
    expect((await post({ authorization: 'Bearer x' }, { body: 'b' })).status).toBe(400);
  });
});
