import { randomUUID } from 'node:crypto';
import { isValidReplayName, replayName } from '../core/replay-name';
import { UnsupportedOperationError, UsageError } from '../errors';
import type { EventsContext } from './context';

export interface EventsReplayOptions {
  readonly from: Date;
  readonly to: Date;
  /** Rule names on the bus: the replay is delivered only to these (EventBridge FilterArns). */
  readonly rules: readonly string[];
  readonly type?: string | undefined;
  readonly name?: string | undefined;
  readonly json: boolean;
}

/** Checks the options that need no AWS call; throws the usage error. */
export function validateReplayOptions(options: EventsReplayOptions): void {
  if (options.type !== undefined) {
    throw new UnsupportedOperationError(
      'EventBridge replays cannot filter by event type: use --rule NAME to deliver only to the rules you name (notifiers dedupe re-delivered events by id)',
    );
  }
  if (options.from.getTime() >= options.to.getTime()) throw new UsageError('--from must be before --to');
  if (options.name !== undefined && !isValidReplayName(options.name)) throw new UsageError(`invalid replay name "${options.name}" (letters, digits, . - _; at most 64)`);
}

/**
 * `events replay`: starts an EventBridge archive replay of [from, to] onto the bus. EventBridge
 * filters replays by rule, not by event type, so `--type` is refused rather than silently ignored.
 */
export async function eventsReplay(ctx: EventsContext, options: EventsReplayOptions): Promise<number> {
  validateReplayOptions(options);
  const name = options.name ?? replayName(new Date(ctx.clock.now()), randomUUID());
  const archive = await ctx.replays.archive(ctx.resources.archiveName);
  const ruleArns = await Promise.all(options.rules.map((rule) => ctx.replays.ruleArn(rule, ctx.resources.busName)));
  // A replay can only target the bus the archive records (cross-bus replay is not permitted).
  const started = await ctx.replays.startReplay({ name, archiveArn: archive.arn, busArn: archive.sourceArn, from: options.from, to: options.to, ruleArns });

  const result = { name, arn: started.arn, state: started.state, archive: ctx.resources.archiveName, bus: ctx.resources.busName, from: options.from.toISOString(), to: options.to.toISOString(), rules: options.rules };
  if (options.json) ctx.output.json(result);
  else ctx.output.line(`started replay ${name} (${started.state}) of ${result.archive} from ${result.from} to ${result.to} onto ${result.bus}; follow it with: bankctl events replays`);
  return 0;
}
