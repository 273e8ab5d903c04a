import type { IncomingMessage, ServerResponse } from 'node:http';
import { isChannel, isProvider, PROVIDERS, type Provider } from './captured-message';
import type { Delays } from './delays';
import { SandboxRequestError } from './errors';
import { type FaultPlan, parseFaultSpec } from './fault-plan';
import { renderInboxPage } from './inbox-page';
import type { MessageFilter } from './message-store';
import type { ProviderDeps, ProviderReply } from './providers/provider-reply';
import { sendGridFaultReply, sendSendGridMail } from './providers/sendgrid';
import { genericFaultReply, sendGenericMessage } from './providers/generic';
import { sendTwilioMessage, twilioFaultReply } from './providers/twilio';
import { renderDevicePage } from './push/device-page';
import type { PushSubscriptions } from './push/subscriptions';
import { parseJsonBody, readBody } from './read-body';
import { parseOutcomeSpec, type OutcomeBook } from './status-callbacks/outcomes';

export interface HttpDeps extends ProviderDeps {
  faults: FaultPlan;
  delays: Delays;
  maxBodyBytes: number;
}

/** The HTTP side also hands out push subscriptions and shows what each device received. */
export interface SandboxHttpDeps extends HttpDeps {
  subscriptions: PushSubscriptions;
  outcomes: OutcomeBook;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

const TWILIO_MESSAGES = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const GENERIC_MESSAGES = /^\/generic\/([a-z0-9][a-z0-9-]*)\/messages$/;
const SUBSCRIPTION = /^\/api\/push\/subscriptions\/([^/]+)$/;
const DEVICE_PAGE = /^\/devices\/([^/]+)$/;

/** The sandbox's HTTP surface: provider endpoints, its own JSON API and the inbox page. */
export function createRequestListener(deps: SandboxHttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const routes: Record<string, Partial<Record<string, Handler>>> = {
    '/': { GET: async (_req, res) => sendHtml(res, renderInboxPage(deps.store.list())) },
    '/health': { GET: async (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    '/api/messages': {
      GET: async (_req, res, url) => sendJson(res, 200, { messages: deps.store.list(parseFilter(url.searchParams)) }),
      DELETE: async (_req, res) => {
        deps.store.clear();
        sendEmpty(res, 204);
      },
    },
    '/api/faults': {
      GET: async (_req, res) => sendJson(res, 200, deps.faults.snapshot()),
      POST: async (req, res) => {
        const fault = deps.faults.arm(parseFaultSpec(parseJsonBody(await readBody(req, deps.maxBodyBytes))));
        sendJson(res, 201, { fault });
      },
      DELETE: async (_req, res) => {
        deps.faults.clear();
        sendEmpty(res, 204);
      },
    },
    '/api/optouts': {
      GET: async (_req, res) => sendJson(res, 200, { optouts: deps.optOuts.list() }),
      POST: async (req, res) => {
        const body = parseJsonBody(await readBody(req, deps.maxBodyBytes));
        const to = typeof body === 'object' && body !== null && 'to' in body ? body.to : undefined;
        if (typeof to !== 'string' || to.trim() === '') throw new SandboxRequestError(400, 'to must be a phone number');
        deps.optOuts.add(to);
        sendJson(res, 201, { optouts: deps.optOuts.list() });
      },
      DELETE: async (_req, res) => {
        deps.optOuts.clear();
        sendEmpty(res, 204);
      },
    },
    '/api/outcomes': {
      GET: async (_req, res) => sendJson(res, 200, { outcomes: deps.outcomes.list() }),
      POST: async (req, res) => {
        deps.outcomes.set(parseOutcomeSpec(parseJsonBody(await readBody(req, deps.maxBodyBytes))));
        sendJson(res, 201, { outcomes: deps.outcomes.list() });
      },
      DELETE: async (_req, res) => {
        deps.outcomes.clear();
        sendEmpty(res, 204);
      },
    },
    '/api/push/subscriptions': {
      GET: async (_req, res) => sendJson(res, 200, { subscriptions: deps.subscriptions.list() }),
      POST: async (req, res) => {
        const body = parseJsonBody(await readBody(req, deps.maxBodyBytes));
        const key = typeof body === 'object' && body !== null && 'applicationServerKey' in body ? body.applicationServerKey : undefined;
        if (key !== undefined && (typeof key !== 'string' || key === '')) throw new SandboxRequestError(400, 'applicationServerKey must be a base64url string');
        const { subscription, json } = deps.subscriptions.create(key);
        sendJson(res, 201, json, { Location: `/api/push/subscriptions/${subscription.id}` });
      },
    },
    '/v3/mail/send': {
      POST: async (req, res) => {
        const rawBody = await readBody(req, deps.maxBodyBytes);
        await answerAsProvider('sendgrid', req, res, deps, sendGridFaultReply, () =>
          sendSendGridMail({ authorization: req.headers.authorization, rawBody }, deps),
        );
      },
    },
  };

  const route = (req: IncomingMessage, url: URL): Handler | undefined | null => {
    const twilio = TWILIO_MESSAGES.exec(url.pathname);
    if (twilio?.[1]) {
      const accountSid = decodeURIComponent(twilio[1]);
      if (req.method !== 'POST') return null;
      return async (request, res) => {
        const form = new URLSearchParams(await readBody(request, deps.maxBodyBytes));
        await answerAsProvider('twilio', request, res, deps, twilioFaultReply, () =>
          sendTwilioMessage({ accountSid, authorization: request.headers.authorization, form }, deps),
        );
      };
    }
    const generic = GENERIC_MESSAGES.exec(url.pathname);
    if (generic?.[1]) {
      const channel = generic[1];
      if (req.method !== 'POST') return null;
      return async (request, res) => {
        const rawBody = await readBody(request, deps.maxBodyBytes);
        await answerAsProvider('generic', request, res, deps, genericFaultReply, () =>
          sendGenericMessage({ channel, authorization: request.headers.authorization, rawBody }, deps),
        );
      };
    }
    const subscription = SUBSCRIPTION.exec(url.pathname);
    if (subscription?.[1]) {
      const id = decodeURIComponent(subscription[1]);
      if (req.method !== 'DELETE') return null;
      return async (_request, res) => (deps.subscriptions.expire(id) ? sendEmpty(res, 204) : sendJson(res, 404, { error: 'no such subscription' }));
    }
    const device = DEVICE_PAGE.exec(url.pathname);
    if (device?.[1]) {
      const found = deps.subscriptions.get(decodeURIComponent(device[1]));
      if (req.method !== 'GET') return null;
      return async (_request, res) => (found ? sendHtml(res, renderDevicePage(found)) : sendJson(res, 404, { error: 'no such subscription' }));
    }
    const methods = routes[url.pathname];
    if (!methods) return undefined;
    return methods[req.method ?? 'GET'] ?? null;
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const handler = route(req, url);
    if (handler === undefined) return sendJson(res, 404, { error: `no route for ${url.pathname}` });
    if (handler === null) return sendJson(res, 405, { error: `method ${req.method ?? ''} not allowed on ${url.pathname}` });
    handler(req, res, url).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof SandboxRequestError) sendJson(res, error.status, { error: error.message }, { Connection: 'close' });
      else sendJson(res, 500, { error: 'internal sandbox error' });
    });
  };
}

/**
 * Runs a provider call under the fault plan: an armed fault delays it and/or answers with the
 * provider's error body instead. Refused calls (and delayed calls the client gave up on) are
 * counted, never captured.
 */
export async function answerAsProvider(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  deps: HttpDeps,
  faultReply: (status: number) => ProviderReply,
  run: () => ProviderReply,
): Promise<void> {
  const fault = deps.faults.take(provider);
  if (fault) {
    if (!(await deps.delays.sleep(fault.delayMs))) return; // the sandbox is stopping
    if (fault.status !== null || req.socket.destroyed) {
      deps.faults.recordRefused(provider);
      if (req.socket.destroyed) return;
      return sendReply(res, faultReply(fault.status ?? 500));
    }
  }
  const reply = run();
  // A provider that reported before answering (an address set to `reportFirst`) answers a little later.
  if (reply.answerAfterMs !== undefined && !(await deps.delays.sleep(reply.answerAfterMs))) return;
  sendReply(res, reply);
}

function parseFilter(query: URLSearchParams): MessageFilter {
  const filter: MessageFilter = {};
  const channel = query.get('channel');
  const provider = query.get('provider');
  const to = query.get('to');
  if (channel !== null) {
    if (!isChannel(channel)) throw new SandboxRequestError(400, 'channel must be a channel id (kebab-case)');
    filter.channel = channel;
  }
  if (provider !== null) {
    if (!isProvider(provider)) throw new SandboxRequestError(400, `provider must be one of ${PROVIDERS.join(', ')}`);
    filter.provider = provider;
  }
  if (to !== null && to !== '') filter.to = to;
  return filter;
}

export function sendReply(res: ServerResponse, reply: ProviderReply): void {
  if (reply.body === undefined) return sendEmpty(res, reply.status, reply.headers);
  sendJson(res, reply.status, reply.body, reply.headers);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': 0 });
  res.end();
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(html);
}
