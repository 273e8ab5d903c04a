import type { BankEvent } from '@bank/schemas';

/** Where validated events go: the SNS topic for notifiers and the EventBridge bus for everyone else. */
export interface EventPublisher {
  /** Publishes up to 10 events; throws if any of them was not accepted by every destination. */
  publish(events: readonly BankEvent[]): Promise<void>;
}
