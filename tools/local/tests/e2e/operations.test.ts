import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalStack } from '../../src/stack';
import { messages, openCustomerAccount, post, startTestStack, waitForMessages, type SandboxMessage } from './helpers';
import { bankctl, clearFaults, dlqList, refusedCalls, setFault, waitForDlq, type ReplaySummary } from './operations-bankctl';
import { captureLogs, type LogCapture } from './operations-logs';

// One stack for the file: handler modules (and their loggers and topology) load once per file.
// maxReceiveCount 2 keeps the SQS redrive test short; INFO makes every outcome line visible.
let stack: LocalStack;
let logs: LogCapture;
/** Every email, phone and name this file hands the API: none may ever show up in a log line. */
const pii: string[] = [];
const savedLogLevel = process.env.POWERTOOLS_LOG_LEVEL;

beforeAll(async () => {
  logs = captureLogs();
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  stack = await startTestStack({ maxReceiveCount: 2 });
});

afterAll(async () => {
  await stack?.stop();
  logs?.stop();
  if (savedLogLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = savedLogLevel;
});

afterEach(() => clearFaults(stack));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openAccount(channels: Readonly<Record<string, boolean>>, name = 'Test Customer', headers: Record<string, string> = {}) {
  const customer = await openCustomerAccount(stack, channels, { name, headers });
  pii.push(customer.email, customer.phone, name);
  return customer;
}

async function deposit(accountId: string, amount: number, headers: Record<string, string> = {}): Promise<string> {
  const res = await post(stack, '/deposit', { accountId, amount }, headers);
  expect(res.status).toBe(200);
  return String(res.json.transactionId);
}

const to = (address: string) => (all: SandboxMessage[]) => all.filter((m) => m.to === address);
const ids = (listing: { messages: { eventId: string | null }[] }) => listing.messages.map((m) => m.eventId).sort();

describe('operating the email dead-letter queue with bankctl', () => {
  it('parks a SendGrid-rejected email with its reason, dry-runs, then replays it exactly once', async () => {
    const { accountId, email } = await openAccount({ email: true });
    await setFault(stack, { provider: 'sendgrid', status: 400 });
    const eventId = await deposit(accountId, 25);

    const listed = await waitForDlq(stack, ['--account', accountId], (l) => l.count > 0);
    expect(listed.messages).toHaveLength(1);
    const [parked] = listed.messages;
    expect(parked).toMatchObject({ eventId, type: 'MoneyDeposited', accountId });
    // A permanent failure names itself in the message attributes; SMTP is not tried after it.
    expect(parked?.failure).toMatchObject({ source: 'attributes', class: 'PermanentError', code: '400', provider: 'sendgrid', attempts: 1 });
    expect(parked?.reason).toContain('SendGrid rejected the message with HTTP 400');
    expect(await refusedCalls(stack)).toMatchObject({ sendgrid: 1, smtp: 0 });
    expect(to(email)(await messages(stack))).toHaveLength(0);

    const dry = await bankctl<ReplaySummary>(stack, 'dlq', 'replay', '--channel', 'email', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(dry.json).toMatchObject({ dryRun: true, matched: 1, replayed: 0, failed: 0, messages: [{ eventId, status: 'would-replay' }] });
    await clearFaults(stack);
    await sleep(500);
    expect(ids(await dlqList(stack))).toEqual([eventId]);
    expect(to(email)(await messages(stack))).toHaveLength(0);

    const replay = await bankctl<ReplaySummary>(stack, 'dlq', 'replay', '--channel', 'email', '--json');
    expect(replay.code).toBe(0);
    expect(replay.json).toMatchObject({ dryRun: false, matched: 1, replayed: 1, failed: 0, messages: [{ eventId, status: 'replayed' }] });
    await waitForMessages(stack, (all) => to(email)(all).length > 0);
    await sleep(1000);
    expect(to(email)(await messages(stack)).map((m) => m.body)).toEqual(['Your deposit of $25 was successful. Your new balance is $25.']);
    expect(await dlqList(stack)).toMatchObject({ total: 0, count: 0 });
  });

  it('does not send again when a message whose notification was already sent is replayed', async () => {
    const { accountId, email } = await openAccount({ email: true });
    const eventId = await deposit(accountId, 11);
    await waitForMessages(stack, (all) => to(email)(all).length > 0);
    // The same event parked in the DLQ after it was delivered (e.g. a delete that failed, then a redrive).
    const event = {
      specversion: '1.0',
      id: eventId,
      source: 'bank.account',
      type: 'MoneyDeposited',
      time: new Date().toISOString(),
      subject: accountId,
      datacontenttype: 'application/json',
      dataschema: 'urn:bank:events:MoneyDeposited:v1',
      data: { accountId, transactionId: eventId, type: 'DEPOSIT', amount: 1100, balanceAfter: 1100, currency: 'USD' },
    };
    await new SQSClient({ endpoint: stack.endpoint, region: 'us-east-1' }).send(
      new SendMessageCommand({
        QueueUrl: stack.resources.channels.email?.dlqUrl,
        MessageBody: JSON.stringify(event),
        MessageAttributes: { type: { DataType: 'String', StringValue: 'MoneyDeposited' } },
      }),
    );
    expect(ids(await dlqList(stack, '--account', accountId))).toEqual([eventId]);

    const replay = await bankctl<ReplaySummary>(stack, 'dlq', 'replay', '--channel', 'email', '--account', accountId, '--json');
    expect(replay.json).toMatchObject({ replayed: 1, failed: 0 });
    // The notifier sees the delivery record SENT and acknowledges the replay without sending.
    const duplicate = await waitFor(() =>
      logs.records().find((r) => r.message === 'notification duplicate' && r.eventId === eventId && r.channel === 'email'),
    );
    expect(duplicate).toMatchObject({ deliveryStatus: 'SENT' });
    expect(to(email)(await messages(stack))).toHaveLength(1);
    expect(await dlqList(stack)).toMatchObject({ total: 0 });
  });

  it('selects exactly what the filters say, and replays or purges only that', async () => {
    const d = await openAccount({ email: true });
    const e = await openAccount({ email: true });
    await setFault(stack, { provider: 'sendgrid', status: 400 });
    const dDeposit = await deposit(d.accountId, 5);
    const dWithdrawal = String((await post(stack, '/withdraw', { accountId: d.accountId, amount: 2 })).json.transactionId);
    const eDeposit = await deposit(e.accountId, 3);
    const all = await waitForDlq(stack, [], (l) => l.count >= 3);
    expect(ids(all)).toEqual([dDeposit, dWithdrawal, eDeposit].sort());

    expect(ids(await dlqList(stack, '--account', d.accountId))).toEqual([dDeposit, dWithdrawal].sort());
    expect(ids(await dlqList(stack, '--type', 'MoneyWithdrawn'))).toEqual([dWithdrawal]);
    expect(ids(await dlqList(stack, '--type', 'MoneyDeposited', '--account', d.accountId))).toEqual([dDeposit]);
    expect(ids(await dlqList(stack, '--type', 'TransferSent'))).toEqual([]);
    expect(await dlqList(stack, '--older-than', '1h')).toMatchObject({ total: 3, count: 0 });
    const lastFailure = Math.max(...all.messages.map((m) => Date.parse(m.failure?.at ?? '')));
    await sleep(Math.max(0, lastFailure + 1100 - Date.now()));
    expect(ids(await dlqList(stack, '--older-than', '1s'))).toEqual(ids(all));
    const dryMax = await bankctl<ReplaySummary>(stack, 'dlq', 'replay', '--channel', 'email', '--account', d.accountId, '--max', '1', '--dry-run', '--json');
    expect(dryMax.json.matched).toBe(1);

    await clearFaults(stack);
    const replay = await bankctl<ReplaySummary>(stack, 'dlq', 'replay', '--channel', 'email', '--account', e.accountId, '--json');
    expect(replay.json).toMatchObject({ matched: 1, replayed: 1, messages: [{ eventId: eDeposit, status: 'replayed' }] });
    await waitForMessages(stack, (m) => to(e.email)(m).length > 0);
    expect(ids(await dlqList(stack))).toEqual([dDeposit, dWithdrawal].sort());

    const purge = await bankctl(stack, 'dlq', 'purge', '--channel', 'email', '--account', d.accountId);
    expect(purge.code).toBe(2); // no --yes: nothing happens
    expect((await dlqList(stack)).total).toBe(2);
    expect((await bankctl(stack, 'dlq', 'purge', '--channel', 'email', '--account', d.accountId, '--yes', '--json')).code).toBe(0);
    expect(await dlqList(stack)).toMatchObject({ total: 0 });
    await sleep(500);
    expect(to(d.email)(await messages(stack))).toHaveLength(0);
    expect(to(e.email)(await messages(stack))).toHaveLength(1);
  });

  it('shows the last retryable error for a message SQS moved after maxReceiveCount', async () => {
    const { accountId, email } = await openAccount({ email: true });
    // Both email providers fail retryably: SendGrid 500, SMTP 451 (a 4xx fault).
    await setFault(stack, { provider: 'sendgrid', status: 500 });
    await setFault(stack, { provider: 'smtp', status: 429 });
    const eventId = await deposit(accountId, 9);

    const listed = await waitForDlq(stack, ['--account', accountId], (l) => l.count > 0, 25_000);
    expect(ids(listed)).toEqual([eventId]);
    const failure = listed.messages[0]?.failure;
    // No failure attributes (the notifier never gave up; SQS did): the reason comes from the delivery record.
    expect(failure).toMatchObject({ source: 'delivery-record', class: 'RetryableError', provider: 'smtp', code: '451' });
    expect(failure?.attempts).toBe(4); // maxReceiveCount receives × two providers each
    expect(listed.messages[0]?.reason).toContain('SMTP server deferred the message (451)');
    const refused = await refusedCalls(stack);
    expect(refused.sendgrid).toBeGreaterThanOrEqual(2);
    expect(refused.smtp).toBeGreaterThanOrEqual(2);

    await clearFaults(stack);
    expect((await bankctl<ReplaySummary>(stack, 'dlq', 'replay', '--channel', 'email', '--account', accountId, '--json')).json.replayed).toBe(1);
    await waitForMessages(stack, (all) => to(email)(all).length > 0);
    await sleep(1000);
    expect(to(email)(await messages(stack)).map((m) => m.body)).toEqual(['Your deposit of $9 was successful. Your new balance is $9.']);
    expect(await dlqList(stack)).toMatchObject({ total: 0 });
  });
});

async function waitFor<T>(find: () => T | undefined, timeoutMs = 15_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined || Date.now() > deadline) return found;
    await sleep(100);
  }
}

describe('structured logs', () => {
  it('follows a correlation id from the API through the event to each notification', async () => {
    const { accountId, email, phone } = await openAccount({ email: true, sms: true }, 'Zebulon Quixote-Marsh');
    const correlationId = `ops-e2e-${Date.now()}`;
    const eventId = await deposit(accountId, 42, { 'X-Correlation-Id': correlationId });
    await waitForMessages(stack, (all) => all.some((m) => m.to === email) && all.some((m) => m.to === phone));

    const byCorrelation = (r: Record<string, unknown>) => r.correlationId === correlationId;
    const sent = await waitFor(() => {
      const lines = logs.records().filter((r) => r.message === 'notification sent' && r.eventId === eventId && byCorrelation(r));
      return lines.length >= 2 ? lines : undefined;
    });
    const mine = logs.records().filter(byCorrelation);
    // Powertools' structured shape: level, message, service, timestamp on every line.
    for (const line of mine) expect(line).toEqual(expect.objectContaining({ level: expect.any(String), service: expect.any(String), timestamp: expect.any(String) }));
    expect(mine.find((r) => r.message === 'request')).toMatchObject({ route: '/deposit', status: 200, correlationId });
    expect(mine.find((r) => r.message === 'event published')).toMatchObject({ eventId, type: 'MoneyDeposited', correlationId });
    expect((sent ?? []).map((r) => r.channel).sort()).toEqual(['email', 'sms']);
  });

  it('never logs an email address, phone number or name', () => {
    // Runs last: the capture holds every line of this file (API, relay, notifiers, failures, replays).
    // Every handler logs through Powertools: the API, the stream relay, both notifiers and the providers' callbacks.
    expect([...new Set(logs.records().map((r) => r.service))].sort()).toEqual(['account-api', 'delivery-status', 'notify-email', 'notify-sms', 'outbox-relay']);
    const leaks = logs.lines.filter((line) => pii.some((value) => line.includes(value) || line.includes(value.replace(/^\+/, ''))));
    expect(leaks).toEqual([]);
  });
});
