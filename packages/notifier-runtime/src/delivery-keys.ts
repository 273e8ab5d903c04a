import type { AcceptedMessage, DeliveryKey } from './ports';

/** Keys of the items in `NotificationDeliveries` (docs/internal-contracts.md), shared by the adapters and the fakes. */

const DEFAULT_RETENTION_DAYS = 90;

/** `<eventId>#<channel>`: one delivery record per event and channel. */
export function deliveryId(key: DeliveryKey): string {
  return `${key.eventId}#${key.channel}`;
}

/**
 * The notification key of a message (`OutboundMessage.idempotencyKey`): `<eventId>:<channel>`,
 * with `:<addressId>` appended for a registered address (each gets its own). Providers that echo
 * it in status reports let a report name its delivery (`deliveryIdOfNotificationKey`).
 *
 * @example notificationKey({ eventId: 'tx-1', channel: 'push' }, 'sub-9') // 'tx-1:push:sub-9'
 */
export function notificationKey(key: DeliveryKey, addressId?: string): string {
  return addressId === undefined ? `${key.eventId}:${key.channel}` : `${key.eventId}:${key.channel}:${addressId}`;
}

/** A channel id as the channel declarations spell them (kebab-case, so never a `:`). */
const CHANNEL_ID = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The delivery a notification key belongs to, the inverse of `notificationKey`: the `:<addressId>`
 * of a per-address key is dropped and the `:` before the channel becomes `#`. Event ids hold no
 * `:` (transaction ids, `account-opened-<accountId>`), channel ids neither, so the first two
 * segments are the event and the channel. Undefined for a key of another shape.
 *
 * @example deliveryIdOfNotificationKey('tx-1:push:sub-9') // 'tx-1#push'
 */
export function deliveryIdOfNotificationKey(key: string): string | undefined {
  const [eventId, channel] = key.split(':', 2);
  if (!eventId || channel === undefined || !CHANNEL_ID.test(channel)) return undefined;
  return deliveryId({ eventId, channel });
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

