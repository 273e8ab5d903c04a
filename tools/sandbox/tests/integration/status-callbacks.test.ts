import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { type Sandbox, startSandbox } from '../../src';
import { REPORT_FIRST_ANSWER_MS } from '../../src/status-callbacks/outcomes';
import { postJson, sendGridMail, twilioClient } from './provider-clients';

interface Received {
  readonly at: number;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

let sandbox: Sandbox;
let api: Server;
let apiUrl: string;
const received: Received[] = [];
let answer = 204;

beforeAll(async () => {
  api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ at: performance.now(), path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1`;
  sandbox = await startSandbox({ port: 0, smtpPort: 0, callbackDelayMs: 0 });
  sandbox.setPublicApiUrl(apiUrl);
});
afterAll(async () => {
  await sandbox.stop();
  await new Promise((resolve) => api.close(resolve));
});
beforeEach(async () => {
  received.length = 0;
  answer = 204;
  await fetch(`${sandbox.url}/api/outcomes`, { method: 'DELETE' });
});

async function until<T>(read: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('status callbacks', () => {
  it('posts Twilio status updates to the StatusCallback, signed with the sandbox auth token the way Twilio signs', async () => {
    const callbackUrl = `${apiUrl}/webhooks/twilio`;
    const sent = await twilioClient(sandbox.url).messages.create({ to: '+15551230001', from: '+15550009999', body: 'hi', statusCallback: callbackUrl });
    const updates = await until(() => (received.length >= 2 ? received : undefined));
    const forms = updates.map((u) => Object.fromEntries(new URLSearchParams(u.body)));
    expect(forms.map((f) => [f.MessageSid, f.MessageStatus])).toEqual([
      [sent.sid, 'sent'],
      [sent.sid, 'delivered'],
    ]);
    for (const [index, update] of updates.entries()) {
      expect(twilio.validateRequest(sandbox.settings.twilioAuthToken, String(update.headers['x-twilio-signature']), callbackUrl, forms[index] ?? {})).toBe(true);
    }
  });

  it('posts to the StatusCallback exactly as given, its query included, and signs that URL', async () => {
    const callbackUrl = `${apiUrl}/webhooks/twilio?notificationKey=evt-1%3Asms`;
    await twilioClient(sandbox.url).messages.create({ to: '+15551230003', from: '+15550009999', body: 'hi', statusCallback: callbackUrl });
    const updates = await until(() => (received.length >= 2 ? received : undefined));
    expect(updates.map((u) => u.path)).toEqual(['/v1/webhooks/twilio?notificationKey=evt-1%3Asms', '/v1/webhooks/twilio?notificationKey=evt-1%3Asms']);
    const form = Object.fromEntries(new URLSearchParams(updates[0]?.body));
    const signature = String(updates[0]?.headers['x-twilio-signature']);
    expect(twilio.validateRequest(sandbox.settings.twilioAuthToken, signature, callbackUrl, form)).toBe(true);
    expect(twilio.validateRequest(sandbox.settings.twilioAuthToken, signature, `${apiUrl}/webhooks/twilio?notificationKey=evt-2%3Asms`, form)).toBe(false);
  });

  it('reports the outcome set for the address, and shows it with the API answers on the message', async () => {
    await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230002', status: 'unreachable' });
    answer = 403;
    await twilioClient(sandbox.url).messages.create({ to: '+15551230002', from: '+15550009999', body: 'hi', statusCallback: `${apiUrl}/webhooks/twilio` });
    const [, final] = await until(() => (received.length >= 2 ? received : undefined));
    expect(Object.fromEntries(new URLSearchParams(final?.body))).toMatchObject({ MessageStatus: 'undelivered', ErrorCode: '30005' });
    const message = await until(() => sandbox.messages().find((m) => m.callbacks?.length === 2 && m.callbacks.every((c) => c.httpStatus !== undefined)));
    expect(message).toMatchObject({ outcome: 'unreachable', callbacks: [{ status: 'sent', httpStatus: 403 }, { status: 'undelivered', httpStatus: 403 }] });
  });

  it('posts a signed SendGrid Event Webhook batch whose sg_message_id starts with the X-Message-Id', async () => {
    await postJson(`${sandbox.url}/api/outcomes`, { to: 'ada@example.com', status: 'bounce' });
    const [response] = await sendGridMail(sandbox.url).send({ to: 'ada@example.com', from: 'bank@example.com', subject: 's', text: 't' });
    const messageId = String(response.headers['x-message-id']);
    const [batch] = await until(() => (received.length >= 1 ? received : undefined));
    expect(batch?.path).toBe('/v1/webhooks/sendgrid');
    const events = JSON.parse(batch?.body ?? '[]') as Record<string, unknown>[];
    expect(events.map((e) => [e.event, e.type])).toEqual([
      ['processed', undefined],
      ['bounce', 'bounce'],
    ]);
    expect(String(events[1]?.sg_message_id).split('.')[0]).toBe(messageId);
    const timestamp = String(batch?.headers['x-twilio-email-event-webhook-timestamp']);
    const key = createPublicKey({ key: Buffer.from(sandbox.settings.sendgridWebhookPublicKey, 'base64'), format: 'der', type: 'spki' });
    const signature = Buffer.from(String(batch?.headers['x-twilio-email-event-webhook-signature']), 'base64');
    expect(verify('sha256', Buffer.from(timestamp + (batch?.body ?? '')), key, signature)).toBe(true);
  });

  it("echoes the mail's custom args as top-level fields of every event, as SendGrid does", async () => {
    await sendGridMail(sandbox.url).send({ to: 'grace@example.com', from: 'bank@example.com', subject: 's', text: 't', customArgs: { idempotencyKey: 'evt-1:email', eventType: 'MoneyDeposited', email: 'spoofed@example.com' } });
    const [batch] = await until(() => (received.length >= 1 ? received : undefined));
    const events = JSON.parse(batch?.body ?? '[]') as Record<string, unknown>[];
    expect(events.map((e) => [e.event, e.idempotencyKey, e.eventType, e.email])).toEqual([
      ['processed', 'evt-1:email', 'MoneyDeposited', 'grace@example.com'],
      ['delivered', 'evt-1:email', 'MoneyDeposited', 'grace@example.com'],
    ]);
    expect(sandbox.messages().find((m) => m.to === 'grace@example.com')?.customArgs).toEqual({ idempotencyKey: 'evt-1:email', eventType: 'MoneyDeposited', email: 'spoofed@example.com' });
  });

  it('refuses an unknown outcome, and a reportFirst that is not a boolean', async () => {
    const res = await fetch(`${sandbox.url}/api/outcomes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: 'x', status: 'lost' }) });
    expect(res.status).toBe(400);
    const notBoolean = await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230009', status: 'delivered', reportFirst: 'yes' });
    expect(notBoolean.status).toBe(400);
    expect(((await (await fetch(`${sandbox.url}/api/outcomes`)).json()) as { outcomes: unknown[] }).outcomes).toEqual([]);
  });

  describe('an address that reports first', () => {
    it('gets its Twilio reports before the send is answered', async () => {
      const set = await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230010', status: 'delivered', reportFirst: true });
      expect(set.status).toBe(201);
      const startedAt = performance.now();
      const sent = await twilioClient(sandbox.url).messages.create({ to: '+15551230010', from: '+15550009999', body: 'hi', statusCallback: `${apiUrl}/webhooks/twilio` });
      const answeredAt = performance.now();
      expect(answeredAt - startedAt).toBeGreaterThanOrEqual(REPORT_FIRST_ANSWER_MS);
      const updates = await until(() => (received.length >= 2 ? received : undefined));
      expect(updates.map((u) => new URLSearchParams(u.body).get('MessageSid'))).toEqual([sent.sid, sent.sid]);
      expect(updates[0]?.at).toBeLessThan(answeredAt);
      expect(((await (await fetch(`${sandbox.url}/api/outcomes`)).json()) as { outcomes: unknown[] }).outcomes).toEqual([{ to: '+15551230010', status: 'delivered', reportFirst: true }]);
    });

    it('gets its SendGrid events before the send is answered', async () => {
      await postJson(`${sandbox.url}/api/outcomes`, { to: 'first@example.com', status: 'bounce', reportFirst: true });
      const startedAt = performance.now();
      const [response] = await sendGridMail(sandbox.url).send({ to: 'first@example.com', from: 'bank@example.com', subject: 's', text: 't' });
      const answeredAt = performance.now();
      expect(answeredAt - startedAt).toBeGreaterThanOrEqual(REPORT_FIRST_ANSWER_MS);
      expect(response.statusCode).toBe(202);
      const [batch] = await until(() => (received.length >= 1 ? received : undefined));
      expect(batch?.at).toBeLessThan(answeredAt);
      expect((JSON.parse(batch?.body ?? '[]') as { event: string }[]).map((e) => e.event)).toEqual(['processed', 'bounce']);
    });
  });
});
