import { type DlqMessage } from '../core/dlq-message';
import { isUnfiltered, planSelection, type MessageFilter } from '../core/filters';
import { TokenBucket } from '../core/rate';
import { buildReplayAttributes } from '../core/replay-attributes';
import { UnsupportedOperationError, UsageError } from '../errors';
import type { DlqContext } from './context';
import { withScannedMessages } from './dlq-scan';

export interface DlqReplayOptions {
  readonly filter: MessageFilter;
  readonly max?: number | undefined;
  readonly ratePerSecond?: number | undefined;
  readonly dryRun: boolean;
  /** Target queue URL; default: the channel's source queue. */
  readonly toQueueUrl?: string | undefined;
  /** Whole-DLQ server-side move with SQS StartMessageMoveTask (AWS only). */
  readonly moveTask: boolean;
  readonly json: boolean;
}

export type ReplayStatus = 'replayed' | 'would-replay' | 'failed' | 'not-attempted';

export interface ReplayedMessage {
  readonly eventId: string | null;
  readonly type: string | null;
  readonly accountId: string | null;
  readonly messageId: string;
  readonly status: ReplayStatus;
  readonly error?: string;
}

/** Longest visibility SQS allows (12 h). */
const MAX_VISIBILITY_SECONDS = 43_200;

/** Keeps the selected messages hidden long enough for the whole replay at the given rate. */
export function holdSeconds(count: number, ratePerSecond: number | undefined): number {
  const perMessage = ratePerSecond ? 1 / ratePerSecond : 1;
  return Math.min(MAX_VISIBILITY_SECONDS, Math.ceil(count * perMessage) + 60);
}

function row(m: DlqMessage, status: ReplayStatus, error?: string): ReplayedMessage {
  return {
    eventId: m.event.id ?? null,
    type: m.event.type ?? null,
    accountId: m.event.accountId ?? null,
    messageId: m.messageId,
    status,
    ...(error ? { error } : {}),
  };
}

async function startMoveTask(ctx: DlqContext, options: DlqReplayOptions, dlqUrl: string, targetUrl: string): Promise<number> {
  if (!isUnfiltered(options.filter) || options.max !== undefined || options.dryRun) {
    throw new UsageError('--move-task replays the whole DLQ: it cannot be combined with --type, --account, --older-than, --max or --dry-run');
  }
  if (ctx.local) {
    throw new UnsupportedOperationError('--move-task needs SQS StartMessageMoveTask, which the local emulator does not implement: drop --move-task to replay message by message');
  }
  const taskHandle = await ctx.queues.startMoveTask(await ctx.queues.arnOf(dlqUrl), await ctx.queues.arnOf(targetUrl), options.ratePerSecond);
  if (options.json) ctx.output.json({ channel: ctx.resources.channel, source: ctx.resources.dlqName, target: targetUrl, moveTask: taskHandle });
  else ctx.output.line(`started SQS message move task from ${ctx.resources.dlqName} to ${targetUrl} (task ${taskHandle}); messages keep no replay-count on this path`);
  return 0;
}

/**
 * `dlq replay`: receive → send to the target → delete from the DLQ, one message at a time, so a
 * message leaves the DLQ only once it is on the target queue. A crash between send and delete
 * leaves one copy in each (the notifier's dedupe absorbs the duplicate); nothing is lost. Stops at
 * the first failure and reports; the rest stays in the DLQ.
 */
export async function dlqReplay(ctx: DlqContext, options: DlqReplayOptions): Promise<number> {
  const { resources, output, queues } = ctx;
  const dlqUrl = await queues.resolveUrl(resources.dlqName);
  const targetUrl = options.toQueueUrl ?? (await queues.resolveUrl(resources.queueName));
  await queues.arnOf(targetUrl); // a missing target fails before anything is received
  if (options.moveTask) return startMoveTask(ctx, options, dlqUrl, targetUrl);

  const summary = await withScannedMessages(queues, ctx.records, dlqUrl, resources.channel, async (messages, settled) => {
    const plan = planSelection(messages, options.filter, ctx.clock.now(), options.max);
    if (options.dryRun || plan.length === 0) return { scanned: messages.length, rows: plan.map((m) => row(m, 'would-replay')) };

    const planned = new Set(plan.map((m) => m.messageId));
    await queues.setVisibility(dlqUrl, plan, holdSeconds(plan.length, options.ratePerSecond));
    const others = messages.filter((m) => !planned.has(m.messageId));
    await queues.setVisibility(dlqUrl, others, 0);
    for (const m of others) settled.add(m.messageId);

    const bucket = options.ratePerSecond ? new TokenBucket(options.ratePerSecond, ctx.clock) : undefined;
    const progress = ctx.progress();
    progress.start(plan.length);
    const rows: ReplayedMessage[] = [];
    try {
      for (const m of plan) {
        if (rows.some((r) => r.status === 'failed')) {
          rows.push(row(m, 'not-attempted'));
          continue;
        }
        await bucket?.take();
        try {
          await queues.send(targetUrl, m.body, buildReplayAttributes(m.attributes));
        } catch (err) {
          rows.push(row(m, 'failed', `send failed: ${err instanceof Error ? err.message : String(err)}`));
          continue;
        }
        try {
          await queues.delete(dlqUrl, m);
          settled.add(m.messageId);
          rows.push(row(m, 'replayed'));
        } catch (err) {
          // Already on the target: keep the DLQ copy hidden until its hold ends rather than replaying it twice now.
          settled.add(m.messageId);
          rows.push(row(m, 'failed', `sent, but not deleted from the DLQ (it will show up there again): ${err instanceof Error ? err.message : String(err)}`));
        }
        progress.increment();
      }
    } finally {
      progress.stop();
    }
    return { scanned: messages.length, rows };
  });

  const count = (status: ReplayStatus): number => summary.rows.filter((r) => r.status === status).length;
  const failed = count('failed');
  if (options.json) {
    output.json({
      channel: resources.channel,
      source: resources.dlqName,
      target: targetUrl,
      dryRun: options.dryRun,
      scanned: summary.scanned,
      matched: summary.rows.length,
      replayed: count('replayed'),
      failed,
      messages: summary.rows,
    });
  } else if (summary.scanned === 0) {
    output.line(`${resources.dlqName} is empty: nothing to replay`);
  } else if (options.dryRun) {
    for (const r of summary.rows) output.line(`would replay ${r.eventId ?? r.messageId} (${r.type ?? '-'}, account ${r.accountId ?? '-'})`);
    output.line(`dry run: ${summary.rows.length} of ${summary.scanned} message(s) would move from ${resources.dlqName} to ${targetUrl}; nothing changed`);
  } else {
    for (const r of summary.rows.filter((x) => x.status === 'failed')) output.note(`failed ${r.eventId ?? r.messageId}: ${r.error ?? ''}`);
    output.line(`replayed ${count('replayed')} of ${summary.rows.length} matching message(s) from ${resources.dlqName} to ${targetUrl}${failed ? `; ${failed} failed, the rest stays in the DLQ` : ''}`);
  }
  return failed ? 1 : 0;
}
