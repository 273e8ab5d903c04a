import { renderTable } from '../core/table';
import type { EventsContext } from './context';

/** `events replays`: the replays of the bus archive and their state, newest first. */
export async function eventsReplays(ctx: EventsContext, options: { readonly json: boolean }): Promise<number> {
  const archive = await ctx.replays.archive(ctx.resources.archiveName);
  const replays = (await ctx.replays.listReplays(archive.arn)).sort((a, b) => (b.replayStartTime ?? '').localeCompare(a.replayStartTime ?? ''));
  if (options.json) {
    ctx.output.json({ archive: ctx.resources.archiveName, replays });
  } else if (replays.length === 0) {
    ctx.output.line(`no replays of ${ctx.resources.archiveName}`);
  } else {
    ctx.output.line(
      renderTable(
        ['NAME', 'STATE', 'FROM', 'TO', 'STARTED', 'ENDED', 'REASON'],
        replays.map((r) => [r.name, r.state, r.eventStartTime ?? '-', r.eventEndTime ?? '-', r.replayStartTime ?? '-', r.replayEndTime ?? '-', r.reason ?? '']),
      ),
    );
  }
  return 0;
}
