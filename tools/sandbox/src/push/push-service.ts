import type { IncomingMessage, ServerResponse } from 'node:http';
import { SandboxRequestError } from '../errors';
import { answerAsProvider, sendJson, type HttpDeps } from '../http-server';
import type { ProviderReply } from '../providers/provider-reply';
import { readBodyBytes } from '../read-body';
import { receivePush } from './receive-push';
import type { PushSubscriptions } from './subscriptions';

export interface PushServiceDeps extends HttpDeps {
  readonly subscriptions: PushSubscriptions;
  /** `https://host:port` of the push service: the VAPID audience. */
  readonly origin: string;
}

const PUSH_PATH = /^\/push\/([^/]+)$/;

/** What an armed `webpush` fault answers with. */
export function webPushFaultReply(status: number): ProviderReply {
  return { status, body: { code: status, error: 'fault injected by the sandbox' } };
}

/** The HTTPS side of the sandbox: the Web Push service its subscriptions' endpoints point at. */
export function createPushListener(deps: PushServiceDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', deps.origin);
    const match = PUSH_PATH.exec(url.pathname);
    if (!match?.[1]) return sendJson(res, 404, { error: `no route for ${url.pathname}` });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'push with POST' });
    const id = decodeURIComponent(match[1]);
    const handle = async (): Promise<void> => {
      const body = await readBodyBytes(req, deps.maxBodyBytes);
      await answerAsProvider('webpush', req, res, deps, webPushFaultReply, () => {
        const outcome = receivePush({ subscription: deps.subscriptions.get(id), headers: req.headers, body, origin: deps.origin, now: deps.now() });
        if (outcome.message) deps.store.add(outcome.message);
        return outcome.reply;
      });
    };
    handle().catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof SandboxRequestError) sendJson(res, error.status, { error: error.message }, { Connection: 'close' });
      else sendJson(res, 500, { error: 'internal sandbox error' });
    });
  };
}
