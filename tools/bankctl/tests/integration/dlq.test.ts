import { CHANNELS } from '@bank/topology';
import { ChannelFixture, permanentFailure } from './dlq-fixture';
import { runCli } from './run-cli';

const MINUTE = 60_000;

interface ListedMessage {
  eventId: string;
  type: string;
  accountId: string;
  reason: string;
  receiveCount: number;
  ageSeconds: number;
  failure: { source: string; attempts: number } | null;
}

function listed(stdout: string): ListedMessage[] {
  return (JSON.parse(stdout) as { messages: ListedMessage[] }).messages;
}

/** e1: permanent failure 2 h ago; e2: moved by SQS, reason in the delivery record (10 min ago); e3: permanent failure 5 min ago, replayed once already. */
async function seeded(): Promise<ChannelFixture> {
  const f = await new ChannelFixture('email').create();
  const now = Date.now();
  await f.putDlq('e1', 'MoneyDeposited', 'acct-A', permanentFailure(new Date(now - 120 * MINUTE)));
  await f.putDlq('e2', 'MoneyWithdrawn', 'acct-B');
  await f.putDeliveryRecord(
    'e2',
    { class: 'RetryableError', reason: 'provider timed out', code: 'TIMEOUT', provider: 'email-sendgrid', at: new Date(now - 10 * MINUTE).toISOString() },
    5,
  );
  await f.putDlq('e3', 'MoneyDeposited', 'acct-B', { ...permanentFailure(new Date(now - 5 * MINUTE)), 'replay-count': { DataType: 'Number', StringValue: '1' } });
  return f;
}

describe('bankctl dlq list', () => {
  let f: ChannelFixture;
  beforeEach(async () => (f = await seeded()));
  afterEach(() => f.destroy());

  it('shows every message with its failure and leaves all of them in the DLQ, visible', async () => {
    const result = await runCli(['dlq', 'list', '--channel', 'email'], f.suffix);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/EVENT ID\s+TYPE\s+ACCOUNT\s+REASON\s+RECEIVES\s+AGE/);
    expect(result.stdout).toMatch(/e1\s+MoneyDeposited\s+acct-A\s+PermanentError INVALID_NUMBER \(sms-twilio\): number is not a valid mobile number\s+1\s+2h/);
    expect(result.stdout).toContain('RetryableError TIMEOUT (email-sendgrid): provider timed out');
    expect(await f.counts(f.dlqUrl)).toEqual({ visible: 3, inFlight: 0 });
  });

  it('prints JSON with the reason from attributes or, for messages SQS moved, from the delivery record', async () => {
    const result = await runCli(['dlq', 'list', '--channel', 'email', '--json'], f.suffix);

    const messages = listed(result.stdout);
    expect(messages.map((m) => m.eventId)).toEqual(['e1', 'e2', 'e3']);
    expect(messages[1]).toMatchObject({ type: 'MoneyWithdrawn', accountId: 'acct-B', failure: { source: 'delivery-record', attempts: 5 } });
    expect(messages[1]?.ageSeconds).toBeGreaterThanOrEqual(600);
    expect(messages[0]).toMatchObject({ failure: { source: 'attributes', attempts: 1 }, receiveCount: 1 });
  });

  it.each([
    [['--type', 'MoneyDeposited'], ['e1', 'e3']],
    [['--account', 'acct-B'], ['e2', 'e3']],
    [['--older-than', '1h'], ['e1']],
    [['--older-than', '8m', '--account', 'acct-B'], ['e2']],
    [['--type', 'MoneyDeposited', '--account', 'acct-B'], ['e3']],
  ])('with %p selects exactly %p', async (filters, expected) => {
    const result = await runCli(['dlq', 'list', '--channel', 'email', '--json', ...filters], f.suffix);

    expect(result.code).toBe(0);
    expect(listed(result.stdout).map((m) => m.eventId)).toEqual(expected);
  });

  it('says so when the DLQ is empty', async () => {
    const empty = await new ChannelFixture('sms').create();
    const result = await runCli(['dlq', 'list', '--channel', 'sms'], empty.suffix);
    empty.destroy();

    expect(result).toMatchObject({ code: 0, stdout: `notify-sms-dlq${empty.suffix} is empty\n` });
  });
});

describe('bankctl dlq show', () => {
  let f: ChannelFixture;
  beforeEach(async () => (f = await seeded()));
  afterEach(() => f.destroy());

  it('prints one message whole: event, attributes, failure and delivery record', async () => {
    const result = await runCli(['dlq', 'show', '--channel', 'email', '--id', 'e2', '--json'], f.suffix);

    expect(result.code).toBe(0);
    const detail = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(detail).toMatchObject({
      eventId: 'e2',
      type: 'MoneyWithdrawn',
      attributes: { type: 'MoneyWithdrawn', version: '1' },
      deliveryRecord: { DeliveryID: 'e2#email', attempts: 5 },
      event: { id: 'e2', data: { accountId: 'acct-B', amount: 1000 } },
    });
    expect(await f.counts(f.dlqUrl)).toEqual({ visible: 3, inFlight: 0 });
  });

  it('fails clearly for an id that is not in the DLQ', async () => {
    const result = await runCli(['dlq', 'show', '--channel', 'email', '--id', 'nope'], f.suffix);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no message with id nope in notify-email-dlq${f.suffix}`);
  });
});

describe('bankctl dlq replay', () => {
  let f: ChannelFixture;
  beforeEach(async () => (f = await seeded()));
  afterEach(() => f.destroy());

  it('with --dry-run lists what would move and changes nothing', async () => {
    const result = await runCli(['dlq', 'replay', '--channel', 'email', '--dry-run', '--json'], f.suffix);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: true, matched: 3, replayed: 0 });
    expect(await f.counts(f.dlqUrl)).toEqual({ visible: 3, inFlight: 0 });
    expect(await f.counts(f.queueUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('moves every message to the source queue with body and attributes plus replay-count, and empties the DLQ', async () => {
    const result = await runCli(['dlq', 'replay', '--channel', 'email', '--json'], f.suffix);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ matched: 3, replayed: 3, failed: 0 });
    expect(await f.counts(f.dlqUrl)).toEqual({ visible: 0, inFlight: 0 });
    const moved = await f.receiveAll(f.queueUrl);
    const byId = new Map(moved.map((m) => [(JSON.parse(m.Body ?? '{}') as { id: string }).id, m]));
    expect([...byId.keys()].sort()).toEqual(['e1', 'e2', 'e3']);
    const e1 = byId.get('e1');
    expect(JSON.parse(e1?.Body ?? '{}')).toMatchObject({ id: 'e1', type: 'MoneyDeposited', subject: 'acct-A' });
    expect(Object.keys(e1?.MessageAttributes ?? {}).sort()).toEqual(['replay-count', 'type', 'version']);
    expect(e1?.MessageAttributes?.['replay-count']).toEqual({ DataType: 'Number', StringValue: '1' });
    expect(byId.get('e3')?.MessageAttributes?.['replay-count']?.StringValue).toBe('2');
  });

  it('with --max replays only that many, oldest failure first', async () => {
    const result = await runCli(['dlq', 'replay', '--channel', 'email', '--max', '1', '--json'], f.suffix);

    expect(JSON.parse(result.stdout)).toMatchObject({ replayed: 1, messages: [{ eventId: 'e1', status: 'replayed' }] });
    expect(await f.counts(f.dlqUrl)).toEqual({ visible: 2, inFlight: 0 });
    expect(await f.counts(f.queueUrl)).toEqual({ visible: 1, inFlight: 0 });
  });

  it('with filters moves only the matching messages and releases the others', async () => {
    const result = await runCli(['dlq', 'replay', '--channel', 'email', '--account', 'acct-B', '--rate', '100/s'], f.suffix);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('replayed 2 of 2 matching message(s)');
    expect(await f.counts(f.dlqUrl)).toEqual({ visible: 1, inFlight: 0 });
    expect(await f.counts(f.queueUrl)).toEqual({ visible: 2, inFlight: 0 });
  });

  it('with --to-queue sends to that queue instead of the channel queue', async () => {
    const other = await f.createQueue(`bankctl-other${f.suffix}`);

    const result = await runCli(['dlq', 'replay', '--channel', 'email', '--type', 'MoneyWithdrawn', '--to-queue', other], f.suffix);

    expect(result.code).toBe(0);
    expect(await f.counts(other)).toEqual({ visible: 1, inFlight: 0 });
    expect(await f.counts(f.queueUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('refuses --move-task against the local emulator, which lacks StartMessageMoveTask', async () => {
    const result = await runCli(['dlq', 'replay', '--channel', 'email', '--move-task'], f.suffix);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('StartMessageMoveTask');
    expect(await f.counts(f.dlqUrl)).toEqual({ visible: 3, inFlight: 0 });
  });
});

describe('bankctl dlq purge', () => {
  let f: ChannelFixture;
  beforeEach(async () => (f = await seeded()));
  afterEach(() => f.destroy());

  it('refuses without --yes and deletes nothing', async () => {
    const result = await runCli(['dlq', 'purge', '--channel', 'email'], f.suffix);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--yes');
    expect(await f.counts(f.dlqUrl)).toEqual({ visible: 3, inFlight: 0 });
  });

  it('deletes the matching messages and prints the count', async () => {
    const result = await runCli(['dlq', 'purge', '--channel', 'email', '--account', 'acct-B', '--yes'], f.suffix);

    expect(result).toMatchObject({ code: 0, stdout: `deleted 2 of 3 message(s) from notify-email-dlq${f.suffix}\n` });
    expect(await f.counts(f.dlqUrl)).toEqual({ visible: 1, inFlight: 0 });
  });
});

describe('bankctl errors', () => {
  it('rejects an unknown channel with exit code 2', async () => {
    const result = await runCli(['dlq', 'list', '--channel', 'fax'], '-none');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`unknown channel "fax" (known channels: ${CHANNELS.map((c) => c.name).join(', ')})`);
  });

  it('names the missing queue', async () => {
    const result = await runCli(['dlq', 'list', '--channel', 'whatsapp'], '-missing');

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('bankctl: queue notify-whatsapp-dlq-missing not found (is the local stack running? npm start)\n');
  });
});
