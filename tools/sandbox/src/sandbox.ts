import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SMTPServer } from 'smtp-server';
import type { CapturedMessage } from './captured-message';
import { Delays } from './delays';
import { SandboxStartError } from './errors';
import { FaultPlan } from './fault-plan';
import { createRequestListener } from './http-server';
import { MessageStore } from './message-store';
import { OptOutList } from './opt-out-list';
import { createSmtpServer } from './providers/smtp';
import { createSelfSignedCertificate } from './push/certificate';
import { createPushListener } from './push/push-service';
import { PushSubscriptions } from './push/subscriptions';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import { StatusCallbackSender } from './status-callbacks/callback-sender';
import { OutcomeBook } from './status-callbacks/outcomes';
import { createEventWebhookKeys } from './status-callbacks/sendgrid-callbacks';

export interface SandboxOptions {
  /** HTTP port; 0 picks a free one. Default 4010. */
  port?: number;
  /** SMTP port; 0 picks a free one. Default 2525. */
  smtpPort?: number;
  /** HTTPS port of the Web Push service; 0 (the default) picks a free one: subscriptions carry it. */
  pushPort?: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Captured messages kept in memory; older ones are dropped. Default 50 000. */
  maxMessages?: number;
  /** The API's public base URL, where SendGrid's Event Webhook goes (also settable later: `setPublicApiUrl`). */
  publicApiUrl?: string;
  /** Delay before reporting an accepted message's status. Default 1000 ms (env SANDBOX_CALLBACK_DELAY_MS). */
  callbackDelayMs?: number;
  /** Wait before a failed status callback's first retry (the n-th waits n times as long). Default 1000 ms (env SANDBOX_CALLBACK_RETRY_MS). */
  callbackRetryDelayMs?: number;
}

/**
 * What plugins' local settings may refer to (`{sandboxUrl}`, `{smtpHost}`, `{smtpPort}`), so the local
 * stack points each plugin at the sandbox without knowing the plugin.
 */
export type SandboxSettings = Readonly<
  Record<'sandboxUrl' | 'smtpHost' | 'smtpPort' | 'sandboxCaFile' | 'pushServiceUrl' | 'twilioAuthToken' | 'sendgridWebhookPublicKey', string>
>;

export interface Sandbox {
  /** Base URL of the HTTP side, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  url: string;
  port: number;
  smtpPort: number;
  /** Origin of the Web Push service (HTTPS, self-signed), e.g. `https://127.0.0.1:4011`. */
  pushUrl: string;
  /** PEM file of the push service's certificate: what a client must trust to reach it. */
  caFile: string;
  settings: SandboxSettings;
  stop(): Promise<void>;
  /** Captured messages, newest first. */
  messages(): CapturedMessage[];
  /** Forgets the captured messages (faults and opt-outs stay). */
  clear(): void;
  /** Where status callbacks go from now on (the local API, once it listens). */
  setPublicApiUrl(url: string): void;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_SMTP_PORT = 2525;
const DEFAULT_HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

/** Starts the HTTP provider endpoints and the SMTP listener; resolves once both listen. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const now = () => new Date();
  const store = new MessageStore(options.maxMessages ?? 50_000, now);
  const optOuts = new OptOutList();
  const faults = new FaultPlan();
  const delays = new Delays();
  // The sandbox is the provider account: its auth token signs Twilio callbacks, its key pair SendGrid's.
  const twilioAuthToken = randomBytes(16).toString('hex');
  const sendgridKeys = createEventWebhookKeys();
  const outcomes = new OutcomeBook();
  let publicApiUrl = options.publicApiUrl;
  const callbacks = new StatusCallbackSender({
    delays,
    delayMs: options.callbackDelayMs ?? Number(process.env.SANDBOX_CALLBACK_DELAY_MS ?? 1000),
    retryDelayMs: options.callbackRetryDelayMs ?? Number(process.env.SANDBOX_CALLBACK_RETRY_MS ?? 1000),
    outcomes,
    twilioAuthToken,
    sendgridKeys,
    publicApiUrl: () => publicApiUrl,
    now,
  });

  const urlHost = host.includes(':') ? `[${host}]` : host;
  const deps = { store, optOuts, faults, delays, now, maxBodyBytes: MAX_BODY_BYTES, callbacks, outcomes };
  const tls = await createSelfSignedCertificate(host);
  // The push service's origin is known once it listens; its endpoints (and the VAPID audience) need it.
  const push = createHttpsServer({ key: tls.key, cert: tls.cert });
  const servers: Server[] = [];
  let pushUrl: string;
  let subscriptions: PushSubscriptions;
  try {
    pushUrl = `https://${urlHost}:${await listen(push, options.pushPort ?? 0, host, 'Web Push (HTTPS)')}`;
    servers.push(push);
    subscriptions = new PushSubscriptions(pushUrl, now);
    push.on('request', createPushListener({ ...deps, subscriptions, origin: pushUrl }));
  } catch (error) {
    await Promise.all(servers.map(closeHttp));
    await tls.remove();
    throw error;
  }
  const http = createServer(createRequestListener({ ...deps, subscriptions }));
  const smtp = createSmtpServer({ store, optOuts, faults, delays, now, maxBytes: MAX_BODY_BYTES });

  let port: number;
  let smtpPort: number;
  try {
    port = await listen(http, options.port ?? DEFAULT_PORT, host, 'HTTP');
    servers.push(http);
    smtpPort = await listenSmtp(smtp, options.smtpPort ?? DEFAULT_SMTP_PORT, host);
  } catch (error) {
    await Promise.all(servers.map(closeHttp));
    await tls.remove();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const url = `http://${urlHost}:${port}`;
  return {
    url,
    port,
    smtpPort,
    pushUrl,
    caFile: tls.caFile,
    settings: {
      sandboxUrl: url,
      smtpHost: host,
      smtpPort: String(smtpPort),
      sandboxCaFile: tls.caFile,
      pushServiceUrl: pushUrl,
      twilioAuthToken,
      sendgridWebhookPublicKey: sendgridKeys.verificationKey,
    },
    setPublicApiUrl: (apiUrl) => {
      publicApiUrl = apiUrl;
    },
    messages: () => store.list(),
    clear: () => store.clear(),
    stop: () => {
      stopped ??= (async () => {
        delays.cancelAll();
        await Promise.all([...servers.map(closeHttp), new Promise<void>((resolve) => smtp.close(() => resolve()))]);
        await tls.remove();
      })();
      return stopped;
    },
  };
}

function listen(server: Server, port: number, host: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(new SandboxStartError(`${what} listener could not start on ${host}:${port}`, { cause: error }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function listenSmtp(smtp: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(new SandboxStartError(`SMTP listener could not start on ${host}:${port}`, { cause: error }));
    smtp.once('error', onError);
    smtp.listen(port, host, () => {
      smtp.off('error', onError);
      // Errors on client connections must not crash the process; the client sees them.
      smtp.on('error', () => undefined);
      resolve((smtp.server.address() as AddressInfo).port);
    });
  });
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
