import type { BankEvent } from '@bank/schemas';

/** A validated event and the channels its customer had on (SNS attributes `notify-<channel>`). */
export interface OutboundEvent {
  readonly event: BankEvent;
  readonly notify: readonly string[];
}

/** Where validated events go: the SNS topic for notifiers and the EventBridge bus for everyone else. */
export interface EventPublisher {
  /** Publishes up to 10 events; throws if any of them was not accepted by every destination. */
  publish(events: readonly OutboundEvent[]): Promise<void>;
}
