import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake provider received. */
export interface CapturedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v3/mail/send`. */
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** What the fake answers: a status with optional headers and body, or never answering at all. */
export type ScriptedResponse =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: unknown }
  | { readonly hang: true };

export interface FakeHttpProvider {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:53211`. */
  readonly url: string;
  readonly requests: CapturedRequest[];
  /** Queues responses for the next requests; once used up, the default response applies again. */
  script(...responses: ScriptedResponse[]): void;
  /** Forgets captured requests and queued responses. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A tiny provider stand-in on 127.0.0.1 and a free port, for plugin tests that drive the real
 * vendor SDK over HTTP: it captures every request and answers from a script (or the default).
 */
export async function startFakeHttpProvider(defaultResponse: (request: CapturedRequest) => ScriptedResponse): Promise<FakeHttpProvider> {
  const requests: CapturedRequest[] = [];
  const queue: ScriptedResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const captured: CapturedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(captured);
      const response = queue.shift() ?? defaultResponse(captured);
      if ('hang' in response) return;
      const body = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      const contentType = typeof response.body === 'string' ? 'text/plain' : 'application/json';
      res.writeHead(response.status, { 'content-type': contentType, ...response.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...responses) => queue.push(...responses),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Hanging requests and keep-alive sockets would keep close() waiting forever.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
