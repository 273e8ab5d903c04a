import { noProgress, type DlqContext } from '../../../src/commands/context';
import { dlqReplay, holdSeconds, type DlqReplayOptions } from '../../../src/commands/dlq-replay';
import { systemClock } from '../../../src/core/rate';
import { UnsupportedOperationError, UsageError } from '../../../src/errors';
import { captureOutput, InMemoryQueues, noRecords } from './in-memory-queues';

const DLQ = 'url:notify-email-dlq';
const SOURCE = 'url:notify-email';

function setup(count: number, local = false): { queues: InMemoryQueues; ctx: DlqContext; output: ReturnType<typeof captureOutput> } {
  const queues = new InMemoryQueues();
  for (let i = 1; i <= count; i++) queues.add(DLQ, JSON.stringify({ id: `e${i}`, type: 'MoneyDeposited', data: { accountId: 'a' } }));
  const output = captureOutput();
  const ctx: DlqContext = {
    queues,
    records: noRecords,
    resources: { channel: 'email', queueName: 'notify-email', dlqName: 'notify-email-dlq', deliveriesTable: 'NotificationDeliveries' },
    output,
    progress: noProgress,
    clock: systemClock,
    local,
  };
  return { queues, ctx, output };
}

const options = (overrides: Partial<DlqReplayOptions> = {}): DlqReplayOptions => ({ filter: {}, dryRun: false, moveTask: false, json: true, ...overrides });

describe('dlqReplay', () => {
  it('deletes each message from the DLQ only after its send succeeded', async () => {
    const { queues, ctx } = setup(2);

    await dlqReplay(ctx, options());

    expect(queues.calls).toEqual(['send e1', 'delete m1', 'send e2', 'delete m2']);
    expect(queues.list(DLQ)).toHaveLength(0);
    expect(queues.list(SOURCE)).toHaveLength(2);
  });

  it('stops at a failed send, keeps that message and the rest in the DLQ, visible, and exits 1', async () => {
    const { queues, ctx, output } = setup(3);
    queues.failSendAfter = 1;

    const code = await dlqReplay(ctx, options());

    expect(code).toBe(1);
    expect(queues.calls).toEqual(['send e1', 'delete m1', 'send e2']);
    expect(queues.list(DLQ).map((m) => [m.id, m.hidden])).toEqual([
      ['m2', false],
      ['m3', false],
    ]);
    expect(output.documents[0]).toMatchObject({ replayed: 1, failed: 1, messages: [{ status: 'replayed' }, { status: 'failed' }, { status: 'not-attempted' }] });
  });

  it('sends nothing and leaves every message visible on a dry run', async () => {
    const { queues, ctx } = setup(2);

    await dlqReplay(ctx, options({ dryRun: true }));

    expect(queues.calls).toEqual([]);
    expect(queues.list(DLQ).every((m) => !m.hidden)).toBe(true);
  });

  it('refuses --move-task with filters, and on the local emulator', async () => {
    await expect(dlqReplay(setup(1).ctx, options({ moveTask: true, max: 1 }))).rejects.toThrow(UsageError);
    await expect(dlqReplay(setup(1, true).ctx, options({ moveTask: true }))).rejects.toThrow(UnsupportedOperationError);
  });

  it('starts a server-side move task for an unfiltered replay in AWS', async () => {
    const { ctx, output } = setup(1);

    await dlqReplay(ctx, options({ moveTask: true }));

    expect(output.documents[0]).toMatchObject({ moveTask: 'task-1', target: SOURCE });
  });
});

describe('holdSeconds', () => {
  it('covers the replay at the given rate plus a minute, capped at 12 hours', () => {
    expect(holdSeconds(10, 2)).toBe(65);
    expect(holdSeconds(10, undefined)).toBe(70);
    expect(holdSeconds(1_000_000, 1)).toBe(43_200);
  });
});
