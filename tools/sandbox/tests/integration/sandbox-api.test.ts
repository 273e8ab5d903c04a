import { type CapturedMessage, type Sandbox, SandboxStartError, startSandbox } from '../../src';
import { getJson, postJson, sendGridMail, smtpTransport, twilioClient } from './provider-clients';
import { PROVIDERS } from '../../src/captured-message';

/** Every provider the sandbox stands in for, none refused. */
const noneRefused = Object.fromEntries(PROVIDERS.map((provider) => [provider, 0]));

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  await fetch(`${sandbox.url}/api/messages`, { method: 'DELETE' });
  await fetch(`${sandbox.url}/api/faults`, { method: 'DELETE' });
});

async function sendOneOfEach(): Promise<void> {
  await sendGridMail(sandbox.url).send({ to: 'ada@example.test', from: 'a@bank.test', subject: 's1', text: 'first' });
  await twilioClient(sandbox.url).messages.create({ to: '+15551110000', from: '+15550009999', body: 'second' });
  await twilioClient(sandbox.url).messages.create({ to: 'whatsapp:+15551110000', from: 'whatsapp:+15550009999', body: 'third' });
  const transport = smtpTransport(sandbox.smtpPort);
  await transport.sendMail({ to: 'bob@example.test', from: 'a@bank.test', subject: 's4', text: 'fourth' });
  transport.close();
}

async function listBodies(query = ''): Promise<string[]> {
  const { status, body } = await getJson<{ messages: CapturedMessage[] }>(`${sandbox.url}/api/messages${query}`);
  expect(status).toBe(200);
  return body.messages.map((m) => m.body);
}

describe('GET /api/messages', () => {
  it('lists every captured message newest first with ids and ISO timestamps', async () => {
    await sendOneOfEach();

    const { body } = await getJson<{ messages: CapturedMessage[] }>(`${sandbox.url}/api/messages`);

    expect(body.messages.map((m) => m.body)).toEqual(['fourth', 'third', 'second', 'first']);
    expect(new Set(body.messages.map((m) => m.id)).size).toBe(4);
    for (const m of body.messages) expect(new Date(m.receivedAt).toISOString()).toBe(m.receivedAt);
  });

  it('filters by channel, provider and recipient (a raw + in the query is tolerated)', async () => {
    await sendOneOfEach();

    expect(await listBodies('?channel=email')).toEqual(['fourth', 'first']);
    expect(await listBodies('?provider=twilio&channel=whatsapp')).toEqual(['third']);
    expect(await listBodies('?to=%2B15551110000')).toEqual(['third', 'second']);
    expect(await listBodies('?to=+15551110000&channel=sms')).toEqual(['second']);
    expect(await listBodies('?to=BOB@example.test')).toEqual(['fourth']);
  });

  it('rejects an unknown channel filter with 400', async () => {
    const res = await fetch(`${sandbox.url}/api/messages?channel=Fax!`);

    expect(res.status).toBe(400);
  });
});

describe('DELETE /api/messages', () => {
  it('clears the captured messages with 204', async () => {
    await sendOneOfEach();

    const res = await fetch(`${sandbox.url}/api/messages`, { method: 'DELETE' });

    expect(res.status).toBe(204);
    expect(await listBodies()).toEqual([]);
    expect(sandbox.messages()).toEqual([]);
  });
});

describe('/api/faults', () => {
  it('lists an armed fault with its remaining count and consumes it call by call', async () => {
    const armed = await postJson(`${sandbox.url}/api/faults`, { provider: 'twilio', status: 500, count: 3 });
    await twilioClient(sandbox.url).messages.create({ to: '+15551110001', from: '+1555', body: 'x' }).catch(() => undefined);

    const { body } = await getJson(`${sandbox.url}/api/faults`);

    expect(armed.status).toBe(201);
    expect(body).toEqual({
      faults: [{ provider: 'twilio', status: 500, remaining: 2, delayMs: 0, smtpCode: null }],
      refused: { ...noneRefused, twilio: 1 },
    });
  });

  it('keeps a fault without count until it is cleared', async () => {
    await postJson(`${sandbox.url}/api/faults`, { provider: 'sendgrid', status: 500 });
    const mail = sendGridMail(sandbox.url);
    const send = () => mail.send({ to: 'ada@example.test', from: 'a@bank.test', subject: 's', text: 't' }).then(() => 'ok', () => 'failed');

    const whileArmed = [await send(), await send(), await send()];
    await fetch(`${sandbox.url}/api/faults`, { method: 'DELETE' });
    const afterClear = await send();

    expect(whileArmed).toEqual(['failed', 'failed', 'failed']);
    expect(afterClear).toBe('ok');
    expect((await getJson<{ refused: unknown }>(`${sandbox.url}/api/faults`)).body.refused).toEqual(noneRefused);
  });

  it.each([
    [{ provider: 'fax', status: 500 }],
    [{ provider: 'twilio', status: 200 }],
    [{ provider: 'twilio', status: 500, count: 0 }],
    [{ provider: 'twilio' }],
  ])('rejects the invalid fault %j with 400', async (fault) => {
    const res = await postJson(`${sandbox.url}/api/faults`, fault);

    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});

describe('provider edge cases', () => {
  it('rejects a Twilio call without basic auth with 401 and code 20003', async () => {
    const res = await fetch(`${sandbox.url}/2010-04-01/Accounts/AC1/Messages.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'To=%2B15551110000&From=%2B1555&Body=hi',
    });

    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 20003, status: 401 });
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const res = await fetch(`${sandbox.url}/v3/mail/send`, {
      method: 'POST',
      headers: { Authorization: 'Bearer SG.x', 'Content-Type': 'application/json' },
      body: 'x'.repeat(1024 * 1024 + 1),
    });

    expect(res.status).toBe(413);
  });

  it('answers 404 for an unknown path', async () => {
    expect((await fetch(`${sandbox.url}/v3/nope`)).status).toBe(404);
  });
});

describe('inbox page', () => {
  it('renders captured messages newest first with their content HTML-escaped', async () => {
    await twilioClient(sandbox.url).messages.create({ to: '+15551110002', from: '+1555', body: 'older' });
    await sendGridMail(sandbox.url).send({
      to: 'ada@example.test',
      from: 'a@bank.test',
      subject: '<script>alert(1)</script>',
      text: 'Tom & "Jerry" <b>',
    });

    const res = await fetch(`${sandbox.url}/`);
    const html = await res.text();

    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Tom &amp; &quot;Jerry&quot; &lt;b&gt;');
    expect(html.indexOf('Tom &amp;')).toBeLessThan(html.indexOf('older'));
    expect(html).toContain("fetch('/api/messages')");
  });
});

describe('startSandbox', () => {
  it('fails with SandboxStartError when the HTTP port is taken', async () => {
    await expect(startSandbox({ port: sandbox.port, smtpPort: 0 })).rejects.toBeInstanceOf(SandboxStartError);
  });

  it('listens on loopback and can be stopped twice', async () => {
    const other = await startSandbox({ port: 0, smtpPort: 0 });

    expect(other.url).toBe(`http://127.0.0.1:${other.port}`);
    await other.stop();
    await other.stop();
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
  });
});
