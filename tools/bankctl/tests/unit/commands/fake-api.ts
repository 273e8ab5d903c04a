import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderStackOutputs } from '../../../src/core/stack-outputs';
import { run } from '../../../src/main';

export const OPERATOR_TOKEN = 'operator-token';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

export interface FakeReply {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The API of DESIGN §10 as a test double over real HTTP (node:http): it answers 401 without
 * `Bearer operator-token`, records every request, and replies from `replies` (`"POST /holds/h1/approve"`
 * → reply); unknown routes get 404 ROUTE_NOT_FOUND.
 */
export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  replies: Record<string, FakeReply | ((query: URLSearchParams) => FakeReply)> = {};
  private server: Server | undefined;
  private dir: string | undefined;
  /** A stack-outputs.json naming this server as ApiUrl (with the stage's trailing slash, as CDK writes it). */
  stackFile = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.dir = mkdtempSync(path.join(tmpdir(), 'bankctl-risk-'));
    this.stackFile = path.join(this.dir, 'stack-outputs.json');
    writeFileSync(this.stackFile, renderStackOutputs({ ApiUrl: `http://127.0.0.1:${port}/v1/`, UserPoolId: 'pool', UserPoolClientId: 'client', Region: 'us-east-1' }));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  reset(): void {
    this.requests.length = 0;
    this.replies = {};
  }

  private async handle(req: IncomingMessage): Promise<FakeReply> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = `${req.method ?? ''} ${url.pathname.replace(/^\/v1/, '')}`;
    this.requests.push({
      method: req.method ?? '',
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: raw === '' ? undefined : (JSON.parse(raw) as unknown),
    });
    if (req.headers.authorization !== `Bearer ${OPERATOR_TOKEN}`) {
      return { status: 401, body: { type: 'urn:bank:problem:unauthenticated', title: 'Unauthenticated', status: 401, code: 'UNAUTHENTICATED', detail: 'Sign in and send your access token.' } };
    }
    const reply = this.replies[route];
    if (!reply) return { status: 404, body: { title: 'Route not found', status: 404, code: 'ROUTE_NOT_FOUND', detail: 'No route for this method and path.' } };
    return typeof reply === 'function' ? reply(url.searchParams) : reply;
  }
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs bankctl in-process against the fake API, with `env` on top of its stack file. */
export async function cli(api: FakeApi, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { BANK_STACK_FILE: api.stackFile, ...env },
  });
  return { code, stdout, stderr };
}
