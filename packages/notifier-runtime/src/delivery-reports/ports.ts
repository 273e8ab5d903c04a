import type { DeliveryStatus } from '../ports';
import type { FinalReport } from './transitions';

/** A delivery as a status callback sees it. Ids only. */
export interface TrackedDelivery {
  /** `<eventId>#<channel>`. */
  readonly deliveryId: string;
  readonly eventId: string;
  readonly channel: string;
  readonly eventType: string;
  readonly accountId: string;
  /** The owner (Cognito `sub`), recorded at send time. */
  readonly customerId?: string;
  /** The plugin id that accepted the first message. */
  readonly provider?: string;
  readonly status: DeliveryStatus;
  /** A provider's report changed the status already. */
  readonly reported: boolean;
  readonly sentAt?: string;
}

/** Finding deliveries by provider message id and moving their status (`NotificationDeliveries`). */
export interface DeliveryReports {
  /** The delivery a provider's message belongs to; undefined for a message the bank did not send (or no longer keeps). */
  find(providers: readonly string[], providerMessageId: string): Promise<TrackedDelivery | undefined>;
  /** Moves a SENT delivery to the report's status; false when it was no longer SENT (another report won the race). */
  apply(delivery: TrackedDelivery, report: FinalReport, now: Date): Promise<boolean>;
}
