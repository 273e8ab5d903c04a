import type { Message } from '@aws-sdk/client-sqs';
import type { LocalStack } from '../../src/stack';
import {
  armFault,
  call,
  clearFaults,
  clients,
  deliveryRecord,
  drainDlq,
  openAccount,
  refusedCalls,
  sandboxMessages,
  sleep,
  startReliabilityStack,
  waitFor,
} from './harness';

// Three receives per message (backoff 1 s, then 1-2 s) and a 500 ms provider timeout keep every
// scenario within a few seconds while going through the real retry and redrive paths.
const MAX_RECEIVE_COUNT = 3;
const PROVIDER_TIMEOUT_MS = 500;
const HANG_MS = 4000;

let stack: LocalStack;
let aws: ReturnType<typeof clients>;
const dlq = { sms: new Map<string, Message>(), email: new Map<string, Message>() };

beforeAll(async () => {
  stack = await startReliabilityStack({
    maxReceiveCount: MAX_RECEIVE_COUNT,
    env: { TWILIO_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS), SENDGRID_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS), SMTP_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS) },
  });
  aws = clients(stack);
});

afterEach(async () => {
  await clearFaults(stack);
});

afterAll(async () => {
  await stack?.stop();
});

interface Sent {
  readonly eventId: string;
  readonly to: string;
}

/** One deposit per fresh account with only `channel` on, so a message maps to its event by recipient. */
async function depositsNotifiedOn(channel: 'sms' | 'email', count: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (let i = 0; i < count; i++) {
    const account = await openAccount(stack, { [channel]: true });
    const res = await call(stack, 'POST', '/deposit', { accountId: account.accountId, amount: 10 + i });
    expect(res.status).toBe(200);
    sent.push({ eventId: String(res.json.transactionId), to: channel === 'sms' ? account.phone : account.email });
  }
  return sent;
}

interface Fate {
  readonly delivered: number;
  readonly deadLettered: boolean;
}

async function fates(channel: 'sms' | 'email', events: readonly Sent[]): Promise<Fate[]> {
  const all = await sandboxMessages(stack);
  const queue = stack.resources.channels[channel];
  if (queue) await drainDlq(aws.sqs, queue.dlqUrl, dlq[channel]);
  return events.map((e) => ({ delivered: all.filter((m) => m.channel === channel && m.to === e.to).length, deadLettered: dlq[channel].has(e.eventId) }));
}

const settled = (list: readonly Fate[]) => list.every((f) => f.delivered > 0 || f.deadLettered);

/** The invariant of every scenario: each event is delivered exactly once or dead-lettered, never both, never neither. */
function expectNoneLost(list: readonly Fate[]): void {
  for (const fate of list) expect(fate.delivered === 1 ? !fate.deadLettered : fate.delivered === 0 && fate.deadLettered).toBe(true);
}

describe('provider faults', () => {
  it('delivers every SMS exactly once through a burst of 429s', async () => {
    // Two refusals can never exhaust three receives, whichever events they hit.
    await armFault(stack, { provider: 'twilio', status: 429, count: 2 });
    const events = await depositsNotifiedOn('sms', 4);

    const result = await waitFor(() => fates('sms', events), settled, 30_000);
    await sleep(1000); // a late duplicate would show up here
    const after = await fates('sms', events);

    expectNoneLost(after);
    expect(result.every((f) => f.delivered === 1)).toBe(true);
    expect((await refusedCalls(stack)).twilio).toBe(2);
  });

  it('dead-letters events whose provider keeps failing with 500, with the reason on the delivery record', async () => {
    await armFault(stack, { provider: 'twilio', status: 500 });
    const events = await depositsNotifiedOn('sms', 2);

    const result = await waitFor(() => fates('sms', events), settled, 30_000);

    expectNoneLost(result);
    expect(result.every((f) => f.deadLettered)).toBe(true);
    for (const { eventId } of events) {
      const record = await deliveryRecord(aws.dynamodb, stack, eventId, 'sms');
      expect(record).toMatchObject({ status: 'SENDING', attempts: MAX_RECEIVE_COUNT, lastError: { class: 'RetryableError', provider: 'twilio' } });
      expect(record?.lastError?.reason).toContain('500');
    }
    expect((await refusedCalls(stack)).twilio).toBe(2 * MAX_RECEIVE_COUNT);
  });

  it('dead-letters a permanently refused SMS at once, with the reason in the message attributes', async () => {
    await armFault(stack, { provider: 'twilio', status: 400, count: 1 });
    const [event] = await depositsNotifiedOn('sms', 1);
    if (!event) throw new Error('no event');

    const [fate] = await waitFor(() => fates('sms', [event]), settled, 20_000);

    expect(fate).toEqual({ delivered: 0, deadLettered: true });
    const attributes = dlq.sms.get(event.eventId)?.MessageAttributes ?? {};
    expect(attributes['failure-class']?.StringValue).toBe('PermanentError');
    expect(attributes['failure-provider']?.StringValue).toBe('twilio');
    expect(attributes['failure-reason']?.StringValue).toContain('400');
    expect(await deliveryRecord(aws.dynamodb, stack, event.eventId, 'sms')).toMatchObject({ status: 'FAILED', attempts: 1 });
  });

  it('times out a hanging SMS provider and delivers on the retry', async () => {
    await armFault(stack, { provider: 'twilio', delayMs: HANG_MS, count: 1 });
    const [event] = await depositsNotifiedOn('sms', 1);
    if (!event) throw new Error('no event');
    const started = Date.now();

    const [fate] = await waitFor(() => fates('sms', [event]), settled, 20_000);
    const elapsed = Date.now() - started;
    await sleep(1000);

    expect(fate).toEqual({ delivered: 1, deadLettered: false });
    expect((await fates('sms', [event]))[0]?.delivered).toBe(1);
    // Delivered before the hang would have ended, on the second call: the plugin's timeout fired.
    expect(elapsed).toBeLessThan(HANG_MS);
    // SENT, or DELIVERED once the sandbox's status callback came back.
    expect(await deliveryRecord(aws.dynamodb, stack, event.eventId, 'sms')).toMatchObject({ status: expect.stringMatching(/^(SENT|DELIVERED)$/), attempts: 2, provider: 'twilio' });
    // The sandbox counts the hung-up call as refused when its delay ends, and never captures it.
    expect((await waitFor(() => refusedCalls(stack), (r) => r.twilio === 1, HANG_MS + 2000)).twilio).toBe(1);
  });

  it('falls back to SMTP when SendGrid hangs, sending the email once', async () => {
    await armFault(stack, { provider: 'sendgrid', delayMs: HANG_MS, count: 1 });
    const [event] = await depositsNotifiedOn('email', 1);
    if (!event) throw new Error('no event');

    const [fate] = await waitFor(() => fates('email', [event]), settled, 20_000);
    await sleep(1000);

    expect(fate).toEqual({ delivered: 1, deadLettered: false });
    const mine = (await sandboxMessages(stack)).filter((m) => m.to === event.to);
    expect(mine.map((m) => m.provider)).toEqual(['smtp']);
    expect(await deliveryRecord(aws.dynamodb, stack, event.eventId, 'email')).toMatchObject({ status: 'SENT', provider: 'smtp', attempts: 2 });
    expect((await waitFor(() => refusedCalls(stack), (r) => r.sendgrid === 1, HANG_MS + 2000)).sendgrid).toBe(1);
  });

  it('dead-letters an email when every provider of the channel fails, and loses nothing else', async () => {
    await armFault(stack, { provider: 'sendgrid', status: 503 });
    await armFault(stack, { provider: 'smtp', status: 429 }); // SMTP 451: try again later
    const events = await depositsNotifiedOn('email', 2);

    const result = await waitFor(() => fates('email', events), settled, 30_000);

    expectNoneLost(result);
    expect(result.every((f) => f.deadLettered)).toBe(true);
    for (const { eventId } of events) {
      expect(await deliveryRecord(aws.dynamodb, stack, eventId, 'email')).toMatchObject({ status: 'SENDING', lastError: { class: 'RetryableError' } });
    }
  });
});
