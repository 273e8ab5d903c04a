import { randomUUID } from 'node:crypto';
import { decryptPushPayload } from './ece';
import type { NewMessage } from '../message-store';
import type { ProviderReply } from '../providers/provider-reply';
import type { SandboxSubscription } from './subscriptions';
import { checkVapid } from './vapid';

/** RFC 8030 push services commonly accept payloads up to 4096 bytes (after encryption). */
export const MAX_PUSH_PAYLOAD_BYTES = 4096;

export interface PushRequest {
  readonly subscription: SandboxSubscription | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** The push service's origin (the JWT audience). */
  readonly origin: string;
  readonly now: Date;
}

export type PushOutcome = { readonly reply: ProviderReply; readonly message?: NewMessage };

const header = (headers: PushRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function refuse(status: number, reason: string): PushOutcome {
  return { reply: { status, body: { code: status, error: reason } } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A decrypted payload as a captured message: the JSON `{title, body, data}` a notifier sends, or plain text. */
function messageOf(plaintext: string): Pick<NewMessage, 'body' | 'title' | 'data'> {
  try {
    const value: unknown = JSON.parse(plaintext);
    if (isRecord(value) && typeof value.body === 'string') {
      return {
        body: value.body,
        ...(typeof value.title === 'string' ? { title: value.title } : {}),
        ...(isRecord(value.data) ? { data: value.data } : {}),
      };
    }
  } catch {
    // Not JSON: a plain-text push.
  }
  return { body: plaintext };
}

/**
 * One `POST /push/{id}` as a Web Push service (RFC 8030) handles it: the subscription must exist
 * (404) and be live (410), `TTL` is required, VAPID is checked (401/403), the payload must fit
 * (413) and be `aes128gcm` encrypted for the subscription's keys (RFC 8291); it is decrypted and
 * captured, and the answer is 201 with the message's `Location`.
 */
export function receivePush(request: PushRequest): PushOutcome {
  const { subscription } = request;
  if (!subscription) return refuse(404, 'no such subscription');
  if (subscription.gone) return refuse(410, 'subscription expired or unsubscribed');
  const ttl = Number(header(request.headers, 'ttl'));
  if (header(request.headers, 'ttl') === undefined || !Number.isInteger(ttl) || ttl < 0) return refuse(400, 'TTL header is required');
  const vapid = checkVapid(header(request.headers, 'authorization'), request.origin, request.now, subscription.applicationServerKey);
  if (!vapid.ok) return refuse(vapid.status, vapid.reason);
  if (request.body.length > MAX_PUSH_PAYLOAD_BYTES) return refuse(413, `payload larger than ${MAX_PUSH_PAYLOAD_BYTES} bytes`);
  if (header(request.headers, 'content-encoding') !== 'aes128gcm') return refuse(415, 'Content-Encoding must be aes128gcm');
  let plaintext: string;
  try {
    plaintext = decryptPushPayload(request.body, { version: 'aes128gcm', privateKey: subscription.keys, authSecret: subscription.authSecret }).toString('utf8');
  } catch {
    return refuse(400, 'payload does not decrypt with the subscription keys');
  }
  const id = randomUUID();
  const urgency = header(request.headers, 'urgency');
  return {
    reply: { status: 201, headers: { Location: `${request.origin}/message/${id}` } },
    message: {
      provider: 'webpush',
      channel: 'push',
      to: subscription.endpoint,
      from: vapid.subject,
      ...messageOf(plaintext),
      ttl,
      ...(urgency ? { urgency } : {}),
      providerMessageId: id,
    },
  };
}
