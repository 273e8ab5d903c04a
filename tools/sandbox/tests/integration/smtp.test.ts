import type { Transporter } from 'nodemailer';
import { type Sandbox, startSandbox } from '../../src';
import { getJson, postJson, smtpTransport } from './provider-clients';

let sandbox: Sandbox;
let transport: Transporter;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
  transport = smtpTransport(sandbox.smtpPort);
});
afterAll(async () => {
  transport.close();
  await sandbox.stop();
});
beforeEach(async () => {
  sandbox.clear();
  await fetch(`${sandbox.url}/api/faults`, { method: 'DELETE' });
});

const mail = {
  from: 'Bank Alerts <alerts@bank.test>',
  to: 'ada@example.test',
  subject: 'Withdrawal',
  text: 'You withdrew $20.',
  html: '<p>You withdrew $20.</p>',
};

describe('SMTP listener through nodemailer', () => {
  it('parses the mail and captures subject, bodies and addresses', async () => {
    const info = await transport.sendMail(mail);

    expect(info.response).toMatch(/^250 /);
    expect(sandbox.messages()).toEqual([
      expect.objectContaining({
        provider: 'smtp',
        channel: 'email',
        to: 'ada@example.test',
        from: 'alerts@bank.test',
        subject: 'Withdrawal',
        body: 'You withdrew $20.',
        html: '<p>You withdrew $20.</p>',
        providerMessageId: info.messageId,
      }),
    ]);
  });

  it('accepts credentials when the client sends them', async () => {
    const withAuth = smtpTransport(sandbox.smtpPort, { user: 'any', pass: 'thing' });

    await withAuth.sendMail(mail);
    withAuth.close();

    expect(sandbox.messages()).toHaveLength(1);
  });

  it('answers injected 5xx faults with SMTP 554 and 4xx faults with 451, count times only', async () => {
    await postJson(`${sandbox.url}/api/faults`, { provider: 'smtp', status: 500, count: 1 });
    const permanent: unknown = await transport.sendMail(mail).catch((e: unknown) => e);
    await postJson(`${sandbox.url}/api/faults`, { provider: 'smtp', status: 429, count: 1 });
    const transient: unknown = await transport.sendMail(mail).catch((e: unknown) => e);
    await transport.sendMail(mail);

    expect(permanent).toMatchObject({ responseCode: 554 });
    expect(transient).toMatchObject({ responseCode: 451 });
    expect(sandbox.messages()).toHaveLength(1);
    const { body } = await getJson<{ refused: Record<string, number> }>(`${sandbox.url}/api/faults`);
    expect(body.refused.smtp).toBe(2);
  });
});
