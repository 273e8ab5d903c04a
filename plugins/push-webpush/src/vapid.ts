import { createECDH, createPrivateKey, sign, type KeyObject } from 'node:crypto';

/** How long a VAPID token is valid (RFC 8292 allows up to 24 hours; push services want less). */
export const VAPID_TOKEN_SECONDS = 12 * 3600;

export interface VapidKeys {
  /** Uncompressed P-256 public key, base64url (65 bytes). */
  readonly publicKey: string;
  /** P-256 private scalar, base64url (32 bytes). */
  readonly privateKey: string;
  /** `mailto:` or `https:` contact of the application server. */
  readonly subject: string;
}

/**
 * The signing key of a VAPID key pair, through node:crypto's JWK import. Throws when the private
 * key is not the public key's (a pasted mismatch), so the provider fails at start, loudly.
 */
export function vapidSigningKey(keys: Pick<VapidKeys, 'publicKey' | 'privateKey'>): KeyObject {
  const point = Buffer.from(keys.publicKey, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('vapidPublicKey is not an uncompressed P-256 point');
  const jwk = { kty: 'EC', crv: 'P-256', d: keys.privateKey, x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
  // The JWK import takes the point as given: derive it from the private key to compare.
  const derived = createECDH('prime256v1');
  derived.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
  if (!derived.getPublicKey().equals(point)) throw new Error('vapidPublicKey is not the public key of vapidPrivateKey');
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The `Authorization` header of a push request (RFC 8292): an ES256 JWT for the push service's
 * origin, signed with the application server's key, and that key.
 *
 * @example headers.Authorization = vapidAuthorization(subscription.endpoint, keys, signingKey, Date.now());
 */
export function vapidAuthorization(endpoint: string, keys: VapidKeys, signingKey: KeyObject, nowMs: number): string {
  const claims = { aud: new URL(endpoint).origin, exp: Math.floor(nowMs / 1000) + VAPID_TOKEN_SECONDS, sub: keys.subject };
  const unsigned = `${encode({ typ: 'JWT', alg: 'ES256' })}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(unsigned), { key: signingKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `vapid t=${unsigned}.${signature}, k=${keys.publicKey}`;
}
