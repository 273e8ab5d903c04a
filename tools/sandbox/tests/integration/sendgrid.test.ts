import type { MailService } from '@sendgrid/mail';
import { type Sandbox, startSandbox } from '../../src';
import { getJson, postJson, sendGridMail } from './provider-clients';
import { PROVIDERS } from '../../src/captured-message';

/** Every provider the sandbox stands in for, none refused. */
const noneRefused = Object.fromEntries(PROVIDERS.map((provider) => [provider, 0]));

let sandbox: Sandbox;
let mail: MailService;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
  mail = sendGridMail(sandbox.url);
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  sandbox.clear();
  await fetch(`${sandbox.url}/api/faults`, { method: 'DELETE' });
});

const message = {
  to: 'ada@example.test',
  from: 'alerts@bank.test',
  subject: 'Deposit received',
  text: 'You deposited $1000.',
  html: '<p>You deposited <b>$1000</b>.</p>',
};

describe('SendGrid mail send through the real @sendgrid/mail SDK', () => {
  it('answers 202 with an X-Message-Id and captures subject, text and html', async () => {
    const [response] = await mail.send(message);

    expect(response.statusCode).toBe(202);
    const messageId = response.headers['x-message-id'];
    expect(messageId).toMatch(/^[\w-]{22}$/);
    expect(sandbox.messages()).toEqual([
      expect.objectContaining({
        provider: 'sendgrid',
        channel: 'email',
        to: 'ada@example.test',
        from: 'alerts@bank.test',
        subject: 'Deposit received',
        body: 'You deposited $1000.',
        html: '<p>You deposited <b>$1000</b>.</p>',
        providerMessageId: messageId,
      }),
    ]);
  });

  it('rejects a request without a bearer token with 401 like SendGrid', async () => {
    const res = await fetch(`${sandbox.url}/v3/mail/send`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });

    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errors: [expect.objectContaining({ message: expect.any(String) })] });
  });

  it('rejects a mail without a subject with a SendGrid validation error', async () => {
    const error: unknown = await mail.send({ ...message, subject: '' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 400, response: { body: { errors: [expect.objectContaining({ field: 'subject' })] } } });
    expect(sandbox.messages()).toHaveLength(0);
  });

  it('fails the next count sends with the injected status and a SendGrid error body, then accepts', async () => {
    await postJson(`${sandbox.url}/api/faults`, { provider: 'sendgrid', status: 503, count: 1 });

    const error: unknown = await mail.send(message).catch((e: unknown) => e);
    const [response] = await mail.send(message);

    expect(error).toMatchObject({ code: 503, response: { body: { errors: [expect.objectContaining({ message: expect.any(String) })] } } });
    expect(response.statusCode).toBe(202);
    expect(sandbox.messages()).toHaveLength(1);
    const { body } = await getJson<{ refused: Record<string, number> }>(`${sandbox.url}/api/faults`);
    expect(body.refused).toEqual({ ...noneRefused, sendgrid: 1 });
  });
});
