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

export interface SandboxOptions {
  /** HTTP port; 0 picks a free one. Default 4010. */
  port?: number;
  /** SMTP port; 0 picks a free one. Default 2525. */
  smtpPort?: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Captured messages kept in memory; older ones are dropped. Default 50 000. */
  maxMessages?: number;
}

/**
 * What plugins' local settings may refer to (`{sandboxUrl}`, `{smtpHost}`, `{smtpPort}`), so the local
 * stack points each plugin at the sandbox without knowing the plugin.
 */
export type SandboxSettings = Readonly<Record<'sandboxUrl' | 'smtpHost' | 'smtpPort', string>>;

export interface Sandbox {
  /** Base URL of the HTTP side, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  url: string;
  port: number;
  smtpPort: number;
  settings: SandboxSettings;
  stop(): Promise<void>;
  /** Captured messages, newest first. */
  messages(): CapturedMessage[];
  /** Forgets the captured messages (faults and opt-outs stay). */
  clear(): void;
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

  const http = createServer(createRequestListener({ store, optOuts, faults, delays, now, maxBodyBytes: MAX_BODY_BYTES }));
  const smtp = createSmtpServer({ store, optOuts, faults, delays, now, maxBytes: MAX_BODY_BYTES });

  const port = await listen(http, options.port ?? DEFAULT_PORT, host, 'HTTP');
  let smtpPort: number;
  try {
    smtpPort = await listenSmtp(smtp, options.smtpPort ?? DEFAULT_SMTP_PORT, host);
  } catch (error) {
    await closeHttp(http);
    throw error;
  }

  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  const url = `http://${urlHost}:${port}`;
  return {
    url,
    port,
    smtpPort,
    settings: { sandboxUrl: url, smtpHost: host, smtpPort: String(smtpPort) },
    messages: () => store.list(),
    clear: () => store.clear(),
    stop: () => {
      stopped ??= (async () => {
        delays.cancelAll();
        await Promise.all([closeHttp(http), new Promise<void>((resolve) => smtp.close(() => resolve()))]);
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
