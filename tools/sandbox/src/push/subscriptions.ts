import { createECDH, randomBytes, randomUUID, type ECDH } from 'node:crypto';
import { toBase64Url } from './base64url';

/** The browser's `PushSubscription.toJSON()`, as `POST /api/push/subscriptions` hands it out. */
export interface PushSubscriptionJson {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

/** A subscription the sandbox's push service holds the receiving side of (private key, auth secret). */
export interface SandboxSubscription {
  readonly id: string;
  readonly endpoint: string;
  /** The user agent's P-256 key pair (RFC 8291 `ua_private`/`ua_public`). */
  readonly keys: ECDH;
  readonly authSecret: Buffer;
  /** The application server key the subscription was made for, when given: pushes must be signed by it. */
  readonly applicationServerKey?: string;
  readonly createdAt: string;
  /** Expired (unsubscribed): the push service answers 410 Gone. */
  gone: boolean;
}

/** In-memory subscriptions of the sandbox's push service, whose endpoints live under `endpointBase`. */
export class PushSubscriptions {
  private readonly byId = new Map<string, SandboxSubscription>();

  constructor(
    private readonly endpointBase: string,
    private readonly now: () => Date,
  ) {}

  create(applicationServerKey?: string): { subscription: SandboxSubscription; json: PushSubscriptionJson } {
    const keys = createECDH('prime256v1');
    keys.generateKeys();
    const id = randomUUID();
    const subscription: SandboxSubscription = {
      id,
      endpoint: `${this.endpointBase}/push/${id}`,
      keys,
      authSecret: randomBytes(16),
      ...(applicationServerKey ? { applicationServerKey } : {}),
      createdAt: this.now().toISOString(),
      gone: false,
    };
    this.byId.set(id, subscription);
    return { subscription, json: toJson(subscription) };
  }

  get(id: string): SandboxSubscription | undefined {
    return this.byId.get(id);
  }

  /** Unsubscribes: later pushes to it get 410 Gone, as from a browser whose user revoked permission. */
  expire(id: string): boolean {
    const subscription = this.byId.get(id);
    if (subscription) subscription.gone = true;
    return subscription !== undefined;
  }

  list(): { id: string; endpoint: string; gone: boolean; createdAt: string }[] {
    return [...this.byId.values()].map((s) => ({ id: s.id, endpoint: s.endpoint, gone: s.gone, createdAt: s.createdAt }));
  }
}

export function toJson(subscription: SandboxSubscription): PushSubscriptionJson {
  return {
    endpoint: subscription.endpoint,
    expirationTime: null,
    keys: { p256dh: toBase64Url(subscription.keys.getPublicKey()), auth: toBase64Url(subscription.authSecret) },
  };
}
