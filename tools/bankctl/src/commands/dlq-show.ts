import { ageMs, deliveryIdOf, formatFailure, type DlqMessage } from '../core/dlq-message';
import { formatAge } from '../core/duration';
import { MessageNotFoundError } from '../errors';
import type { DlqContext } from './context';
import { withScannedMessages } from './dlq-scan';

export interface DlqShowOptions {
  /** An event id (CloudEvent `id`) or an SQS message id. */
  readonly id: string;
  readonly json: boolean;
}

function attributeValues(message: DlqMessage): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.attributes)) values[name] = value.StringValue ?? `(${value.DataType ?? 'binary'})`;
  return values;
}

/** `dlq show`: one message whole: attributes, failure, delivery record and the decoded event. */
export async function dlqShow(ctx: DlqContext, options: DlqShowOptions): Promise<number> {
  const { resources, output } = ctx;
  const url = await ctx.queues.resolveUrl(resources.dlqName);
  const matches = await withScannedMessages(ctx.queues, ctx.records, url, resources.channel, async (messages) =>
    messages.filter((m) => m.event.id === options.id || m.messageId === options.id),
  );
  const message = matches[0];
  if (!message) throw new MessageNotFoundError(options.id, resources.dlqName);

  const deliveryId = deliveryIdOf(message.event, resources.channel);
  const record = deliveryId ? ((await ctx.records.getMany([deliveryId])).get(deliveryId) ?? null) : null;
  const age = ageMs(message, ctx.clock.now());
  const detail = {
    channel: resources.channel,
    queue: resources.dlqName,
    messageId: message.messageId,
    copies: matches.length,
    eventId: message.event.id ?? null,
    type: message.event.type ?? null,
    accountId: message.event.accountId ?? null,
    receiveCount: message.receiveCount,
    sentAt: message.sentTimestamp === undefined ? null : new Date(message.sentTimestamp).toISOString(),
    ageSeconds: age === undefined ? null : Math.floor(age / 1000),
    reason: formatFailure(message.failure),
    failure: message.failure ?? null,
    attributes: attributeValues(message),
    deliveryRecord: record,
    event: message.payload ?? message.body,
  };
  if (options.json) {
    output.json(detail);
    return 0;
  }
  output.line(
    [
      `event id:     ${detail.eventId ?? '-'}`,
      `type:         ${detail.type ?? '-'}`,
      `account:      ${detail.accountId ?? '-'}`,
      `message id:   ${detail.messageId}${matches.length > 1 ? ` (+${matches.length - 1} more copies in the DLQ)` : ''}`,
      `reason:       ${detail.reason}`,
      `attempts:     ${message.failure?.attempts ?? '-'}`,
      `receives:     ${detail.receiveCount}`,
      `age:          ${age === undefined ? '-' : formatAge(age)}`,
      `attributes:   ${JSON.stringify(detail.attributes)}`,
      `delivery:     ${record ? JSON.stringify(record) : '(no delivery record)'}`,
      'event:',
      typeof detail.event === 'string' ? detail.event : JSON.stringify(detail.event, null, 2),
    ].join('\n'),
  );
  return 0;
}
