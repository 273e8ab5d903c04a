import type { AcceptedMessage, DeliveryKey } from './ports';

/** Keys of the items in `NotificationDeliveries` (docs/internal-contracts.md), shared by the adapters and the fakes. */

const DEFAULT_RETENTION_DAYS = 90;

/** `<eventId>#<channel>`: one delivery record per event and channel. */
export function deliveryId(key: DeliveryKey): string {
  return `${key.eventId}#${key.channel}`;
}

/**
 * The key of the lookup item that leads from a provider's message id to its delivery
 * (`recordType: "MESSAGE"`, `deliveryId`), written in the same transaction as SENT.
 *
 * @example messageLookupId({ provider: 'twilio', providerMessageId: 'SM…' }) // 'MSG#twilio#SM…'
 */
export function messageLookupId(message: AcceptedMessage): string {
  return `MSG#${message.provider}#${message.providerMessageId}`;
}

/** Epoch seconds `days` after `now`: the TTL of delivery records and their lookups. */
export function expiryOf(now: Date, days = DEFAULT_RETENTION_DAYS): number {
  return Math.floor(now.getTime() / 1000) + days * 86_400;
}

