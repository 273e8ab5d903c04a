import { planSelection, type MessageFilter } from '../core/filters';
import { renderMessageTable, summarizeMessage } from '../core/present';
import type { DlqContext } from './context';
import { withScannedMessages } from './dlq-scan';

export interface DlqListOptions {
  readonly filter: MessageFilter;
  readonly json: boolean;
}

/** `dlq list`: every matching message, oldest failure first; nothing is consumed. */
export async function dlqList(ctx: DlqContext, options: DlqListOptions): Promise<number> {
  const { resources, output } = ctx;
  const url = await ctx.queues.resolveUrl(resources.dlqName);
  const messages = await withScannedMessages(ctx.queues, ctx.records, url, resources.channel, async (m) => m);
  const now = ctx.clock.now();
  const summaries = planSelection(messages, options.filter, now).map((m) => summarizeMessage(m, now));

  if (options.json) {
    output.json({ channel: resources.channel, queue: resources.dlqName, total: messages.length, count: summaries.length, messages: summaries });
  } else if (messages.length === 0) {
    output.line(`${resources.dlqName} is empty`);
  } else if (summaries.length === 0) {
    output.line(`no message in ${resources.dlqName} matches the filters (${messages.length} in the queue)`);
  } else {
    output.line(renderMessageTable(summaries));
    output.line(`\n${summaries.length} of ${messages.length} message(s) in ${resources.dlqName}`);
  }
  return 0;
}
