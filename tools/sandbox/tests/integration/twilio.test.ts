import { type Sandbox, startSandbox } from '../../src';
import { getJson, postJson, TWILIO_ACCOUNT_SID, twilioClient } from './provider-clients';
import { PROVIDERS } from '../../src/captured-message';

/** Every provider the sandbox stands in for, none refused. */
const noneRefused = Object.fromEntries(PROVIDERS.map((provider) => [provider, 0]));

interface TwilioError {
  status: number;
  code: number;
  message: string;
  moreInfo: string;
}

let sandbox: Sandbox;
let client: ReturnType<typeof twilioClient>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0 });
  client = twilioClient(sandbox.url);
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  sandbox.clear();
  await fetch(`${sandbox.url}/api/faults`, { method: 'DELETE' });
  await fetch(`${sandbox.url}/api/optouts`, { method: 'DELETE' });
});

async function sendExpectingError(params: { to: string; from: string; body: string }): Promise<TwilioError> {
  const error: unknown = await client.messages.create(params).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as TwilioError;
}

describe('Twilio Messages API through the real twilio SDK', () => {
  it('answers an SMS with a queued message resource and captures it', async () => {
    const message = await client.messages.create({ to: '+15551230001', from: '+15550009999', body: 'Deposit of $10.50' });

    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.status).toBe('queued');
    expect(message.accountSid).toBe(TWILIO_ACCOUNT_SID);
    expect(message.numSegments).toBe('1');
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(sandbox.messages()).toEqual([
      expect.objectContaining({
        provider: 'twilio',
        channel: 'sms',
        to: '+15551230001',
        from: '+15550009999',
        body: 'Deposit of $10.50',
        providerMessageId: message.sid,
      }),
    ]);
  });

  it('captures a WhatsApp template send with its content sid and variables', async () => {
    await client.messages.create({
      to: 'whatsapp:+15551230002',
      from: 'whatsapp:+15550009999',
      contentSid: 'HX0123456789abcdef0123456789abcdef',
      contentVariables: JSON.stringify({ 1: '$20' }),
    });

    const [captured] = sandbox.messages();
    expect(captured).toMatchObject({
      channel: 'whatsapp',
      to: 'whatsapp:+15551230002',
      contentSid: 'HX0123456789abcdef0123456789abcdef',
      contentVariables: { '1': '$20' },
      body: '',
    });
  });

  it('refuses a number that is not E.164 with error 21211 and captures nothing', async () => {
    const error = await sendExpectingError({ to: '555-0100', from: '+15550009999', body: 'hi' });

    expect(error).toMatchObject({ status: 400, code: 21211, message: "The 'To' number 555-0100 is not a valid phone number." });
    expect(error.moreInfo).toContain('21211');
    expect(sandbox.messages()).toHaveLength(0);
  });

  it('refuses an opted-out recipient with error 21610 on SMS and WhatsApp', async () => {
    expect((await postJson(`${sandbox.url}/api/optouts`, { to: '+15551230003' })).status).toBe(201);

    const sms = await sendExpectingError({ to: '+15551230003', from: '+15550009999', body: 'hi' });
    const whatsapp = await sendExpectingError({ to: 'whatsapp:+15551230003', from: 'whatsapp:+15550009999', body: 'hi' });

    expect(sms).toMatchObject({ status: 400, code: 21610 });
    expect(whatsapp).toMatchObject({ status: 400, code: 21610 });
    expect(sandbox.messages()).toHaveLength(0);
  });

  it('fails exactly count calls with the injected status, then accepts again', async () => {
    await postJson(`${sandbox.url}/api/faults`, { provider: 'twilio', status: 500, count: 2 });

    const first = await sendExpectingError({ to: '+15551230004', from: '+15550009999', body: 'one' });
    const second = await sendExpectingError({ to: '+15551230004', from: '+15550009999', body: 'two' });
    await client.messages.create({ to: '+15551230004', from: '+15550009999', body: 'three' });

    expect(first).toMatchObject({ status: 500, code: 20500 });
    expect(second).toMatchObject({ status: 500, code: 20500 });
    expect(sandbox.messages().map((m) => m.body)).toEqual(['three']);
    const { body } = await getJson<{ faults: unknown[]; refused: Record<string, number> }>(`${sandbox.url}/api/faults`);
    expect(body).toEqual({ faults: [], refused: { ...noneRefused, twilio: 2 } });
  });

  it('answers throttling faults with Twilio code 20429', async () => {
    await postJson(`${sandbox.url}/api/faults`, { provider: 'twilio', status: 429, count: 1 });

    const error = await sendExpectingError({ to: '+15551230005', from: '+15550009999', body: 'hi' });

    expect(error).toMatchObject({ status: 429, code: 20429 });
  });

  it('delays the answer by delayMs and then accepts the message', async () => {
    await postJson(`${sandbox.url}/api/faults`, { provider: 'twilio', delayMs: 300, count: 1 });
    const started = Date.now();

    await client.messages.create({ to: '+15551230006', from: '+15550009999', body: 'slow' });

    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sandbox.messages()).toHaveLength(1);
  });

  it('counts a delayed call the client gave up on as refused, not as a message', async () => {
    await postJson(`${sandbox.url}/api/faults`, { provider: 'twilio', delayMs: 600, count: 1 });
    const impatient = twilioClient(sandbox.url, { timeoutMs: 150 });

    const error = await impatient.messages.create({ to: '+15551230007', from: '+15550009999', body: 'slow' }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 600));

    expect(error).toBeInstanceOf(Error);
    expect(sandbox.messages()).toHaveLength(0);
    const { body } = await getJson<{ refused: Record<string, number> }>(`${sandbox.url}/api/faults`);
    expect(body.refused.twilio).toBe(1);
  });
});
