import { planSelection, type MessageFilter } from '../core/filters';
import { ConfirmationRequiredError } from '../errors';
import type { ChannelResources } from '../core/resources';
import type { DlqContext } from './context';
import { withScannedMessages } from './dlq-scan';

export interface DlqPurgeOptions {
  readonly filter: MessageFilter;
  readonly yes: boolean;
  readonly json: boolean;
}

/** The refusal of a purge without `--yes` (checked before anything connects to AWS). */
export function purgeNeedsConfirmation(resources: ChannelResources): ConfirmationRequiredError {
  return new ConfirmationRequiredError(
    `purge deletes messages from ${resources.dlqName} for good: add --yes (see what would go with: bankctl dlq list --channel ${resources.channel} …)`,
  );
}

/** `dlq purge`: deletes the matching messages (all without filters) and says how many. */
export async function dlqPurge(ctx: DlqContext, options: DlqPurgeOptions): Promise<number> {
  const { resources, output, queues } = ctx;
  if (!options.yes) throw purgeNeedsConfirmation(resources);
  const url = await queues.resolveUrl(resources.dlqName);
  const { scanned, deleted } = await withScannedMessages(queues, ctx.records, url, resources.channel, async (messages, settled) => {
    const plan = planSelection(messages, options.filter, ctx.clock.now());
    const progress = ctx.progress();
    progress.start(plan.length);
    try {
      for (const m of plan) {
        await queues.delete(url, m);
        settled.add(m.messageId);
        progress.increment();
      }
    } finally {
      progress.stop();
    }
    return { scanned: messages.length, deleted: plan.length };
  });
  if (options.json) output.json({ channel: resources.channel, queue: resources.dlqName, scanned, deleted });
  else if (scanned === 0) output.line(`${resources.dlqName} is empty: nothing to purge`);
  else output.line(`deleted ${deleted} of ${scanned} message(s) from ${resources.dlqName}`);
  return 0;
}
