import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import { eventSchemaVersion } from '@bank/schemas';
import { optInAttribute } from '@bank/topology';
import type { EventPublisher, OutboundEvent } from '../relay/ports';
import { PublishFailedError } from '../relay/relay-errors';

export interface PublisherTargets {
  readonly topicArn: string;
  readonly eventBusName: string;
}

/**
 * Publishes each event to SNS (attributes `type`, `version` and `notify-<channel>` for the channel
 * subscriptions' filter policies) and to EventBridge.
 */
export class SnsEventBridgePublisher implements EventPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly eventBridge: EventBridgeClient,
    private readonly targets: PublisherTargets,
  ) {}

  async publish(outbound: readonly OutboundEvent[]): Promise<void> {
    const events = outbound.map((o) => o.event);
    if (events.length === 0) return;
    const [sns, bus] = await Promise.all([
      this.sns.send(
        new PublishBatchCommand({
          TopicArn: this.targets.topicArn,
          PublishBatchRequestEntries: outbound.map(({ event, notify }, index) => ({
            Id: String(index),
            Message: JSON.stringify(event),
            MessageAttributes: {
              type: { DataType: 'String', StringValue: event.type },
              version: { DataType: 'String', StringValue: String(eventSchemaVersion(event.type)) },
              ...Object.fromEntries(notify.map((channel) => [optInAttribute(channel), { DataType: 'String', StringValue: 'true' }])),
            },
          })),
        }),
      ),
      this.eventBridge.send(
        new PutEventsCommand({
          Entries: events.map((event) => ({
            EventBusName: this.targets.eventBusName,
            Source: event.source,
            DetailType: event.type,
            Time: new Date(event.time),
            Detail: JSON.stringify(event),
          })),
        }),
      ),
    ]);
    const snsFailed = sns.Failed ?? [];
    if (snsFailed.length > 0) throw new PublishFailedError('SNS', snsFailed.length, snsFailed.map((f) => f.Code).join(', '));
    if ((bus.FailedEntryCount ?? 0) > 0) {
      const codes = (bus.Entries ?? []).flatMap((e) => (e.ErrorCode ? [e.ErrorCode] : []));
      throw new PublishFailedError('EventBridge', bus.FailedEntryCount ?? 0, codes.join(', '));
    }
  }
}
