import { randomUUID } from 'node:crypto';
import type { ProviderDeps, ProviderReply } from './provider-reply';

export interface GenericSendRequest {
  readonly channel: string;
  readonly authorization: string | undefined;
  readonly rawBody: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const optional = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * `POST /generic/{channel}/messages`: one notification as JSON `{to, subject?, title?, body}` with
 * a bearer token, answered 202 `{id}`. The stand-in for a provider that does not exist yet (a
 * scaffolded plugin, a new channel's first plugin).
 */
export function sendGenericMessage(request: GenericSendRequest, deps: ProviderDeps): ProviderReply {
  if (!/^Bearer\s+\S+/i.test(request.authorization ?? '')) return { status: 401, body: { error: 'a bearer token is required' } };
  let message: unknown;
  try {
    message = JSON.parse(request.rawBody);
  } catch {
    return { status: 400, body: { error: 'body must be JSON' } };
  }
  if (!isRecord(message) || !optional(message.to) || typeof message.body !== 'string') return { status: 400, body: { error: 'to and body are required' } };
  const id = randomUUID();
  const subject = optional(message.subject);
  const title = optional(message.title);
  deps.store.add({
    provider: 'generic',
    channel: request.channel,
    to: String(message.to),
    from: 'generic',
    ...(subject ? { subject } : {}),
    ...(title ? { title } : {}),
    body: message.body,
    providerMessageId: id,
  });
  return { status: 202, body: { id } };
}

export function genericFaultReply(status: number): ProviderReply {
  return { status, body: { error: `fault injected by the sandbox (${status})` } };
}
