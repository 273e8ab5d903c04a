import { createPublicKey, verify } from 'node:crypto';
import { fromBase64Url, toBase64Url } from './base64url';

/** What a valid VAPID authorization (RFC 8292) says about the sender. */
export type VapidCheck =
  | { readonly ok: true; readonly subject: string; readonly publicKey: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

/** RFC 8292 §2: a JWT that expires more than 24 hours ahead is refused. */
const MAX_LIFETIME_SECONDS = 24 * 3600;

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(fromBase64Url(part)?.toString('utf8') ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `vapid t=<jwt>, k=<key>` → its parameters. */
function parseAuthorization(header: string | undefined): { t?: string; k?: string } {
  const match = /^vapid\s+(.*)$/i.exec(header ?? '');
  if (!match?.[1]) return {};
  const params: Record<string, string> = {};
  for (const part of match[1].split(',')) {
    const [name, ...value] = part.trim().split('=');
    if (name) params[name.trim().toLowerCase()] = value.join('=').trim();
  }
  return { ...(params.t ? { t: params.t } : {}), ...(params.k ? { k: params.k } : {}) };
}

/**
 * Checks a push request's `Authorization: vapid t=…, k=…` the way a push service does: an ES256
 * JWT signed by `k`, audience the endpoint's origin, not expired and not valid for more than a
 * day, a `mailto:` or `https:` subject; and, when the subscription was made for an application
 * server key, `k` must be that key (403 otherwise).
 */
export function checkVapid(authorization: string | undefined, audience: string, now: Date, requiredKey?: string): VapidCheck {
  const { t, k } = parseAuthorization(authorization);
  if (!t || !k) return { ok: false, status: 401, reason: 'missing VAPID authorization (vapid t=…, k=…)' };
  const raw = fromBase64Url(k);
  if (!raw || raw.length !== 65 || raw[0] !== 4) return { ok: false, status: 401, reason: 'k is not an uncompressed P-256 public key' };
  const [head = '', body = '', signature = ''] = t.split('.');
  const header = parseJson(head);
  const claims = parseJson(body);
  if (header?.alg !== 'ES256' || !claims) return { ok: false, status: 401, reason: 't is not an ES256 JWT' };
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: toBase64Url(raw.subarray(1, 33)), y: toBase64Url(raw.subarray(33, 65)) }, format: 'jwk' });
  const signed = verify('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }, fromBase64Url(signature) ?? Buffer.alloc(0));
  if (!signed) return { ok: false, status: 401, reason: 'JWT signature does not verify with k' };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (claims.aud !== audience) return { ok: false, status: 401, reason: `JWT aud must be ${audience}` };
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return { ok: false, status: 401, reason: 'JWT has expired' };
  if (claims.exp > nowSeconds + MAX_LIFETIME_SECONDS) return { ok: false, status: 401, reason: 'JWT expires more than 24 hours ahead' };
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) return { ok: false, status: 401, reason: 'JWT sub must be a mailto: or https: URL' };
  if (requiredKey && toBase64Url(raw) !== requiredKey.replace(/=+$/, '')) {
    return { ok: false, status: 403, reason: 'k is not the application server key the subscription was made for' };
  }
  return { ok: true, subject: claims.sub, publicKey: k };
}
