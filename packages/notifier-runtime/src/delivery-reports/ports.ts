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

/**
 * What a report that names its delivery by notification key did:
 * - `applied`: the delivery was SENT and carried the message; it moved to the report's status
 *   (`delivery` as it was before);
 * - `unchanged`: the delivery carries the message but is no longer SENT (`delivery` as it is now:
 *   a repeated or late report);
 * - `in-flight`: the delivery under that key is still at a provider (`SENDING`): its messages are
 *   not recorded yet, so the report may be for one of them (a provider that reports within
 *   milliseconds, a notifier that stopped mid-send). Nothing changed; asking again later can apply it;
 * - `unknown`: no delivery under that key carries the message (a key of another shape, a message
 *   id that does not match, a record not written yet or expired). Nothing changed.
 */
export type KeyedReportResult =
  | { readonly kind: 'applied'; readonly delivery: TrackedDelivery }
  | { readonly kind: 'unchanged'; readonly delivery: TrackedDelivery }
  | { readonly kind: 'in-flight' }
  | { readonly kind: 'unknown' };

/** Finding deliveries by provider message id or notification key, and moving their status (`NotificationDeliveries`). */
export interface DeliveryReports {
  /** The delivery a provider's message belongs to, through its lookup item; undefined for a message the bank did not send (or no longer keeps). */
  find(providers: readonly string[], providerMessageId: string): Promise<TrackedDelivery | undefined>;
  /** Moves a SENT delivery to the report's status; false when it was no longer SENT (another report won the race). */
  apply(delivery: TrackedDelivery, report: FinalReport, now: Date): Promise<boolean>;
  /**
   * A report whose `notificationKey` names its delivery (`deliveryIdOfNotificationKey`): moves the
   * delivery as `apply` does, in one conditional write with no lookup, only while it is SENT and
   * carries the report's `providerMessageId` (a key and a message id that disagree change nothing).
   */
  applyByKey(notificationKey: string, report: FinalReport, now: Date): Promise<KeyedReportResult>;
}
