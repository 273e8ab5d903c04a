import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { type Sandbox, startSandbox } from '../../src';
import { MAX_ANSWER_AFTER_MS, REPORT_FIRST_ANSWER_MS } from '../../src/status-callbacks/outcomes';
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
/** Answers for the next posts, in order, before `answer`. */
let answers: number[] = [];
const RETRY_DELAY_MS = 50;

beforeAll(async () => {
  api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ at: performance.now(), path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answers.shift() ?? answer).end();
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1`;
  sandbox = await startSandbox({ port: 0, smtpPort: 0, callbackDelayMs: 0, callbackRetryDelayMs: RETRY_DELAY_MS });
  sandbox.setPublicApiUrl(apiUrl);
});
afterAll(async () => {
  await sandbox.stop();
  await new Promise((resolve) => api.close(resolve));
});
beforeEach(async () => {
  received.length = 0;
  answer = 204;
  answers = [];
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

  it('refuses an unknown outcome, a reportFirst that is not a boolean, and an answerAfterMs without reportFirst or out of range', async () => {
    const res = await fetch(`${sandbox.url}/api/outcomes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: 'x', status: 'lost' }) });
    expect(res.status).toBe(400);
    const notBoolean = await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230009', status: 'delivered', reportFirst: 'yes' });
    expect(notBoolean.status).toBe(400);
    for (const spec of [{ answerAfterMs: 500 }, { reportFirst: true, answerAfterMs: MAX_ANSWER_AFTER_MS + 1 }, { reportFirst: true, answerAfterMs: 1.5 }, { reportFirst: true, answerAfterMs: '500' }]) {
      const refused = await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230009', status: 'delivered', ...spec });
      expect(refused.status).toBe(400);
    }
    expect(((await (await fetch(`${sandbox.url}/api/outcomes`)).json()) as { outcomes: unknown[] }).outcomes).toEqual([]);
  });

  describe('a callback the API did not take is retried as the provider retries it', () => {
    const settled = (to: string, count: number) =>
      until(() => sandbox.messages().find((m) => m.to === to && (m.callbacks?.length ?? 0) >= count && m.callbacks?.every((c) => c.httpStatus !== undefined || c.error !== undefined)));

    it("Twilio: as its StatusCallback's connection overrides say (rc retries of rp failures), posted and signed without the fragment", async () => {
      answers = [503, 503];
      const url = `${apiUrl}/webhooks/twilio?notificationKey=evt-9%3Asms`;
      await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230020', status: 'failed' });
      await twilioClient(sandbox.url).messages.create({ to: '+15551230020', from: '+15550009999', body: 'hi', statusCallback: `${url}#rc=3&rp=5xx,ct` });
      const message = await settled('+15551230020', 3);
      expect(message.callbacks).toEqual([
        { status: 'failed', url, httpStatus: 503 },
        { status: 'failed', url, retry: 1, httpStatus: 503 },
        { status: 'failed', url, retry: 2, httpStatus: 204 },
      ]);
      expect(received.map((r) => r.path)).toEqual(Array(3).fill('/v1/webhooks/twilio?notificationKey=evt-9%3Asms'));
      // The n-th retry waits n × the retry delay.
      expect((received[2]?.at ?? 0) - (received[1]?.at ?? 0)).toBeGreaterThanOrEqual(2 * RETRY_DELAY_MS - 5);
      const form = Object.fromEntries(new URLSearchParams(received[0]?.body));
      for (const post of received) expect(twilio.validateRequest(sandbox.settings.twilioAuthToken, String(post.headers['x-twilio-signature']), url, form)).toBe(true);
    });

    it('Twilio: stops after rc retries, and never retries a failure rp leaves out', async () => {
      answer = 503;
      await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230021', status: 'failed' });
      await twilioClient(sandbox.url).messages.create({ to: '+15551230021', from: '+15550009999', body: 'hi', statusCallback: `${apiUrl}/webhooks/twilio#rc=1&rp=5xx` });
      expect((await settled('+15551230021', 2)).callbacks?.map((c) => [c.retry, c.httpStatus])).toEqual([
        [undefined, 503],
        [1, 503],
      ]);
      answer = 403;
      await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230022', status: 'failed' });
      await twilioClient(sandbox.url).messages.create({ to: '+15551230022', from: '+15550009999', body: 'hi', statusCallback: `${apiUrl}/webhooks/twilio#rc=3&rp=5xx` });
      await settled('+15551230022', 1);
      await new Promise((r) => setTimeout(r, 4 * RETRY_DELAY_MS));
      expect(sandbox.messages().find((m) => m.to === '+15551230022')?.callbacks).toHaveLength(1);
    });

    it('Twilio: without overrides a 5xx is final', async () => {
      answer = 500;
      await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230023', status: 'failed' });
      await twilioClient(sandbox.url).messages.create({ to: '+15551230023', from: '+15550009999', body: 'hi', statusCallback: `${apiUrl}/webhooks/twilio` });
      await settled('+15551230023', 1);
      await new Promise((r) => setTimeout(r, 4 * RETRY_DELAY_MS));
      expect(sandbox.messages().find((m) => m.to === '+15551230023')?.callbacks).toEqual([{ status: 'failed', url: `${apiUrl}/webhooks/twilio`, httpStatus: 500 }]);
    });

    it('Twilio: a StatusCallback with overrides Twilio refuses is not called', async () => {
      await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230024', status: 'failed' });
      await twilioClient(sandbox.url).messages.create({ to: '+15551230024', from: '+15550009999', body: 'hi', statusCallback: `${apiUrl}/webhooks/twilio#rc=9` });
      const message = await settled('+15551230024', 1);
      expect(message.callbacks).toEqual([{ status: 'failed', url: `${apiUrl}/webhooks/twilio`, error: 'InvalidConnectionOverrides: rc must be 0 to 5' }]);
      await new Promise((r) => setTimeout(r, 2 * RETRY_DELAY_MS));
      expect(received).toEqual([]);
    });

    it('SendGrid: the same batch, signature and timestamp again after a 5xx; a 4xx is final', async () => {
      answers = [503];
      await sendGridMail(sandbox.url).send({ to: 'retry@example.com', from: 'bank@example.com', subject: 's', text: 't' });
      expect((await settled('retry@example.com', 2)).callbacks?.map((c) => [c.retry, c.httpStatus])).toEqual([
        [undefined, 503],
        [1, 204],
      ]);
      expect(received[1]?.body).toBe(received[0]?.body);
      expect(received[1]?.headers['x-twilio-email-event-webhook-signature']).toBe(received[0]?.headers['x-twilio-email-event-webhook-signature']);

      answer = 400;
      await sendGridMail(sandbox.url).send({ to: 'final@example.com', from: 'bank@example.com', subject: 's', text: 't' });
      await settled('final@example.com', 1);
      await new Promise((r) => setTimeout(r, 4 * RETRY_DELAY_MS));
      expect(sandbox.messages().find((m) => m.to === 'final@example.com')?.callbacks).toHaveLength(1);
    });
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
      expect(((await (await fetch(`${sandbox.url}/api/outcomes`)).json()) as { outcomes: unknown[] }).outcomes).toEqual([
        { to: '+15551230010', status: 'delivered', reportFirst: true, answerAfterMs: REPORT_FIRST_ANSWER_MS },
      ]);
    });

    it('holds the answer answerAfterMs when it is given', async () => {
      await postJson(`${sandbox.url}/api/outcomes`, { to: '+15551230011', status: 'delivered', reportFirst: true, answerAfterMs: 400 });
      const startedAt = performance.now();
      await twilioClient(sandbox.url).messages.create({ to: '+15551230011', from: '+15550009999', body: 'hi', statusCallback: `${apiUrl}/webhooks/twilio` });
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(400);
      expect(received[0]?.at).toBeLessThan(startedAt + 400);
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
