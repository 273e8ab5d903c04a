export interface WebPushConfig {
  /** The application server key pair (VAPID, RFC 8292), base64url: public 65 bytes, private 32 bytes. */
  readonly vapidPublicKey: string;
  readonly vapidPrivateKey: string;
  /** Who push services may contact about our traffic: a `mailto:` or `https:` URL. */
  readonly subject: string;
  /** How long a push service keeps an undelivered notification (RFC 8030 TTL). */
  readonly ttlSeconds: number;
  /** RFC 8030 Urgency: how eagerly the device should wake for it. */
  readonly urgency: 'very-low' | 'low' | 'normal' | 'high';
  readonly timeoutMs: number;
  /**
   * PEM file of one more certificate authority to trust besides the public ones (the local
   * sandbox's self-signed push service); empty in AWS.
   */
  readonly caFile: string;
}

const BASE64URL = '^[A-Za-z0-9_-]+$';

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['vapidPublicKey', 'vapidPrivateKey', 'subject'],
  properties: {
    vapidPublicKey: { type: 'string', pattern: BASE64URL, minLength: 87, maxLength: 87 },
    vapidPrivateKey: { type: 'string', pattern: BASE64URL, minLength: 43, maxLength: 43 },
    subject: { type: 'string', pattern: '^(mailto:|https://)' },
    // A balance alert a day late is noise.
    ttlSeconds: { type: 'integer', minimum: 0, maximum: 2_419_200, default: 86_400 },
    urgency: { type: 'string', enum: ['very-low', 'low', 'normal', 'high'], default: 'normal' },
    timeoutMs: { type: 'integer', minimum: 1, maximum: 120_000, default: 10_000 },
    caFile: { type: 'string', default: '' },
  },
} as const;
