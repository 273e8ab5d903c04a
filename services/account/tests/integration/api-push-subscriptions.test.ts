import { randomBytes } from 'node:crypto';
import { createAccountsTable, testApi, testUser, type Call, type TestApi } from './harness';

let api: TestApi;
let ada: Call;
let bob: Call;

beforeAll(async () => {
  api = testApi(await createAccountsTable());
  ada = api.call;
  bob = api.as(testUser());
});

const b64 = (n: number) => randomBytes(n).toString('base64url');
const subscription = (endpoint: string, keys: Record<string, string> = { p256dh: b64(65), auth: b64(16) }) => ({ endpoint, expirationTime: null, keys });
const listOf = async (call: Call) => (await call('GET', '/me/push-subscriptions')).json.items as { subscriptionId: string; endpointHost: string }[];

describe('browser push subscriptions', () => {
  it('registers a subscription and shows its host, never its keys or full endpoint', async () => {
    const body = subscription(`https://fcm.googleapis.com/fcm/send/${b64(12)}`);
    const res = await ada('POST', '/me/push-subscriptions', body);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ subscriptionId: expect.any(String), endpointHost: 'fcm.googleapis.com', createdAt: expect.any(String) });
    const listing = await ada('GET', '/me/push-subscriptions');
    expect(listing.body).not.toContain(body.keys.p256dh);
    expect(listing.body).not.toContain(body.keys.auth);
    expect(listing.body).not.toContain(body.endpoint);
  });

  it('replays a subscription for the same Idempotency-Key and refuses the key with another subscription', async () => {
    const carl = api.as(testUser());
    const headers = { 'Idempotency-Key': `sub-${b64(6)}` };
    const body = subscription(`https://fcm.googleapis.com/fcm/send/${b64(12)}`);
    const first = await carl('POST', '/me/push-subscriptions', body, headers);
    const again = await carl('POST', '/me/push-subscriptions', body, headers);
    expect([first.status, again.status, again.headers['Idempotent-Replayed']]).toEqual([201, 201, 'true']);
    expect(again.body).toBe(first.body);
    const other = await carl('POST', '/me/push-subscriptions', subscription(`https://fcm.googleapis.com/fcm/send/${b64(12)}`), headers);
    expect([other.status, other.json.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await listOf(carl)).toHaveLength(1);
  });

  it('replaces the entry when the same endpoint subscribes again', async () => {
    const endpoint = `https://updates.push.services.mozilla.com/wpush/v2/${b64(12)}`;
    const first = await bob('POST', '/me/push-subscriptions', subscription(endpoint));
    const again = await bob('POST', '/me/push-subscriptions', subscription(endpoint));
    expect(again.json.subscriptionId).toBe(first.json.subscriptionId);
    expect((await listOf(bob)).filter((s) => s.subscriptionId === first.json.subscriptionId)).toHaveLength(1);
  });

  it('keeps each customer\'s subscriptions their own: listing, and deleting another\'s is 404', async () => {
    const mine = await ada('POST', '/me/push-subscriptions', subscription(`https://web.push.apple.com/${b64(12)}`));
    const id = String(mine.json.subscriptionId);
    expect((await listOf(bob)).map((s) => s.subscriptionId)).not.toContain(id);
    const theirs = await bob('DELETE', `/me/push-subscriptions/${id}`);
    expect([theirs.status, theirs.json.code]).toEqual([404, 'SUBSCRIPTION_NOT_FOUND']);
    expect((await listOf(ada)).map((s) => s.subscriptionId)).toContain(id);
    expect((await ada('DELETE', '/me/push-subscriptions/not%20an%20id')).status).toBe(400);
    expect((await ada('DELETE', `/me/push-subscriptions/${id}`)).status).toBe(204);
    expect((await listOf(ada)).map((s) => s.subscriptionId)).not.toContain(id);
  });

  it('refuses more than a handful of devices', async () => {
    const carol = api.as(testUser());
    for (let i = 0; i < 3; i++) expect((await carol('POST', '/me/push-subscriptions', subscription(`https://fcm.googleapis.com/fcm/send/${i}${b64(8)}`))).status).toBe(201);
    const fourth = await carol('POST', '/me/push-subscriptions', subscription(`https://fcm.googleapis.com/fcm/send/x${b64(8)}`));
    expect([fourth.status, fourth.json.code]).toEqual([422, 'LIMIT_EXCEEDED']);
    expect(await listOf(carol)).toHaveLength(3);
  });

  it.each([
    ['plain http', subscription('http://fcm.googleapis.com/fcm/send/abc')],
    ['a foreign host', subscription('https://attacker.example/collect')],
    ['the metadata address', subscription('https://169.254.169.254/latest/meta-data/iam')],
    ['missing keys', { endpoint: 'https://fcm.googleapis.com/fcm/send/abc' }],
    ['a malformed key', subscription('https://fcm.googleapis.com/fcm/send/abc', { p256dh: 'short', auth: b64(16) })],
    ['an extra property', { ...subscription('https://fcm.googleapis.com/fcm/send/abc'), owner: 'x' }],
  ])('refuses %s with 400 and stores nothing', async (_name, body) => {
    const dave = api.as(testUser());
    const res = await dave('POST', '/me/push-subscriptions', body);
    expect([res.status, res.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await listOf(dave)).toEqual([]);
  });

  it('gives browsers the VAPID application server key', async () => {
    expect((await ada('GET', '/push/vapid-public-key')).json).toEqual({ publicKey: 'BTestVapidKey' });
  });

  it('needs a token for every push route', async () => {
    expect((await api.as(null)('GET', '/me/push-subscriptions')).status).toBe(401);
    expect((await api.as(null)('GET', '/push/vapid-public-key')).status).toBe(401);
  });
});
