import { createHash } from 'node:crypto';
import { validatePushSubscriptionRequest } from '@bank/schemas';
import { ValidationFailedError } from '../domain/errors';
import type { RegistryEntry } from '../domain/registry';
import { keyedOperation } from './keyed-operation';
import { HttpError } from './problem';
import { readJsonBody } from './request';
import { caller, json, valid, type RouteHandler } from './route-kit';

/** The registry browser subscriptions live in; the push channel's declaration names the same. */
export const PUSH_REGISTRY = 'push-subscriptions';

export interface PushConfig {
  /** Hosts (`host` or `host:port`, `*.` for a domain's subdomains) a subscription's endpoint may name. */
  readonly allowedHosts: readonly string[];
  /** VAPID application server key (base64url) browsers subscribe with; empty when push is not set up. */
  readonly vapidPublicKey: string;
  readonly maxSubscriptions: number;
}

/** The push services of the browsers people use (Chrome/Android, Firefox, Safari, Edge). */
export const KNOWN_PUSH_SERVICES: readonly string[] = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  'web.push.apple.com',
  '*.push.apple.com',
  '*.notify.windows.com',
];

export const DEFAULT_MAX_SUBSCRIPTIONS = 5;

function hostAllowed(url: URL, allowed: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const withPort = url.port ? `${host}:${url.port}` : host;
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p.startsWith('*.')) return !url.port && host.endsWith(p.slice(1)) && host.length > p.length - 1;
    return p === withPort || (!url.port && p === host);
  });
}

/**
 * The endpoint a notifier will call, checked so that it can only ever be a push service: https,
 * no credentials in it, and a host of the allow-list (no internal or metadata address, no
 * arbitrary URL: the notifier must not become a request forger).
 */
export function checkPushEndpoint(endpoint: string, allowed: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ValidationFailedError('The endpoint is not a URL.', [{ path: '/endpoint', message: 'must be an https URL' }]);
  }
  if (url.protocol !== 'https:' || url.username || url.password) {
    throw new ValidationFailedError('The endpoint must be https.', [{ path: '/endpoint', message: 'must be an https URL without credentials' }]);
  }
  if (!hostAllowed(url, allowed)) {
    throw new ValidationFailedError('The endpoint is not on a known push service.', [{ path: '/endpoint', message: 'must be on a known browser push service' }]);
  }
  return url;
}

/** A stable id per endpoint: the same browser subscribing again replaces its entry (new keys). */
export const subscriptionId = (endpoint: string): string => createHash('sha256').update(endpoint).digest('base64url').slice(0, 22);

/** What the API shows of a subscription: never its keys, and of its endpoint only the host. */
const view = (entry: RegistryEntry) => ({ subscriptionId: entry.entryId, endpointHost: new URL(entry.address).host, createdAt: entry.createdAt });

export function pushRoutes(config: PushConfig): Readonly<Record<string, RouteHandler>> {
  return {
    'POST /me/push-subscriptions': keyedOperation('POST /me/push-subscriptions', async (ctx, deps) => {
      const principal = caller(ctx);
      const body = valid(validatePushSubscriptionRequest(readJsonBody(ctx.event)));
      const endpoint = checkPushEndpoint(body.endpoint, config.allowedHosts).toString();
      const entry = await deps.service.registerAddress(
        principal,
        { registry: PUSH_REGISTRY, entryId: subscriptionId(endpoint), address: endpoint, attributes: { p256dh: body.keys.p256dh, auth: body.keys.auth } },
        config.maxSubscriptions,
      );
      return { response: json(201, view(entry)) };
    }),
    'GET /me/push-subscriptions': async (ctx, deps) => ({
      response: json(200, { items: (await deps.service.listAddresses(caller(ctx), PUSH_REGISTRY)).map(view) }),
    }),
    'DELETE /me/push-subscriptions/{subscriptionId}': async (ctx, deps) => {
      const id = ctx.params.subscriptionId ?? '';
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new ValidationFailedError('The subscription id is not valid.', [{ path: '/subscriptionId', message: 'is not a subscription id' }]);
      await deps.service.removeAddress(caller(ctx), PUSH_REGISTRY, id);
      return { response: { statusCode: 204, body: '' } };
    },
    'GET /push/vapid-public-key': async () => {
      if (!config.vapidPublicKey) throw new HttpError(404, 'PUSH_NOT_CONFIGURED', 'Push notifications are not set up on this deployment.');
      return { response: json(200, { publicKey: config.vapidPublicKey }) };
    },
  };
}
