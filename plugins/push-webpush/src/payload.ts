import { PermanentError, type OutboundMessage } from '@bank/plugin-sdk';
import type { PushSubscription } from 'web-push';

/** RFC 8291 leaves 4096 - 103 bytes of plaintext in one aes128gcm record with the usual padding. */
export const MAX_PAYLOAD_BYTES = 3993;

const decodedLength = (value: string): number => Buffer.from(value, 'base64url').length;

/**
 * The subscription the message is addressed to: the endpoint in `to`, the browser's keys in
 * `toAttributes` (`p256dh`: a 65-byte P-256 point, `auth`: 16 bytes). Anything else can never be
 * encrypted for, so it is a permanent failure (never logged with the endpoint).
 */
export function subscriptionOf(message: OutboundMessage): PushSubscription {
  const p256dh = message.toAttributes?.p256dh ?? '';
  const auth = message.toAttributes?.auth ?? '';
  if (!/^https:\/\//.test(message.to)) throw new PermanentError('push endpoint is not an https URL', { providerCode: 'INVALID_SUBSCRIPTION' });
  if (!/^[A-Za-z0-9_-]+=*$/.test(p256dh) || decodedLength(p256dh) !== 65 || !/^[A-Za-z0-9_-]+=*$/.test(auth) || decodedLength(auth) !== 16) {
    throw new PermanentError('push subscription keys are missing or malformed', { providerCode: 'INVALID_SUBSCRIPTION' });
  }
  return { endpoint: message.to, keys: { p256dh, auth } };
}

/**
 * What the service worker receives (DESIGN.md section 9): `{title, body, data:{eventType,
 * accountSuffix, transactionId}}`, JSON. Ids only in `data`; nothing from `variables`.
 */
export function payloadOf(message: OutboundMessage): string {
  const data: Record<string, string> = { eventType: message.eventType };
  for (const key of ['accountSuffix', 'transactionId']) {
    const value = message.data?.[key];
    if (value !== undefined) data[key] = value;
  }
  const payload = JSON.stringify({ title: message.title ?? message.subject ?? '', body: message.body, data });
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    throw new PermanentError(`push payload of ${Buffer.byteLength(payload)} bytes exceeds ${MAX_PAYLOAD_BYTES}`, { providerCode: 'TOO_LARGE' });
  }
  return payload;
}
