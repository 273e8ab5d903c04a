/* eslint-disable */
/**
 * Generated from api/PushSubscriptionRequest.json by scripts/generate.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * Body of POST /me/push-subscriptions: the browser's PushSubscription JSON (PushSubscription.toJSON()).
 */
export interface PushSubscriptionRequest {
  /**
   * The push service URL; https on a host of the push-service allow-list.
   */
  endpoint: string;
  /**
   * When the subscription expires (ms since the epoch), or null.
   */
  expirationTime?: number | null;
  keys: PushSubscriptionKeys;
}
export interface PushSubscriptionKeys {
  /**
   * The browser's P-256 public key, base64url (RFC 8291).
   */
  p256dh: string;
  /**
   * The 16-byte authentication secret, base64url (RFC 8291).
   */
  auth: string;
}
