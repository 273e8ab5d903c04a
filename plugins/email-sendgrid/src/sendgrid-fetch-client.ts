import type { Client } from '@sendgrid/client';
import type { ClientRequest } from '@sendgrid/client/src/request';
import type { ClientResponse } from '@sendgrid/client/src/response';
import type { classes } from '@sendgrid/helpers';
import { fetchFailureCode } from '@bank/plugin-sdk';

/** A request that got no answer: `code` is what classifySendgridError reads (`TIMEOUT`, `ECONNREFUSED`…). */
export class SendgridNetworkError extends Error {
  constructor(
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(`SendGrid request failed: ${code}`, options);
    this.name = 'SendgridNetworkError';
  }
}

/** What `Client.createRequest` builds: axios's request config (`baseURL`, `url`, `data`, `params`, `timeout`). */
interface PreparedRequest {
  readonly baseURL?: string;
  readonly url?: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly data?: unknown;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly timeout?: number;
}

/** `Client.request`'s callback, typed as the SDK declares it. */
type Callback = (err: classes.ResponseError, response: [ClientResponse, unknown]) => void;

/** axios's join of a relative URL to its base (`buildFullPath`): an absolute URL stands alone. */
function urlOf(request: PreparedRequest): URL {
  const relative = request.url ?? '';
  const joined = /^([a-z][a-z\d+\-.]*:)?\/\//i.test(relative) || !request.baseURL ? relative : `${request.baseURL.replace(/\/?\/$/, '')}/${relative.replace(/^\/+/, '')}`;
  const url = new URL(joined);
  for (const [key, value] of Object.entries(request.params ?? {})) if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
  return url;
}

/** axios's default response parsing: JSON when it parses, the text as it came otherwise. */
function parsed(text: string): unknown {
  if (text === '') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** SendGrid's error for an HTTP error answer, built from axios's response shape as the SDK builds it (its typings declare no constructor). */
type ResponseErrorClass = new (response: { status: number; statusText: string; headers: Record<string, string>; data: unknown }) => classes.ResponseError;

/** One answer over fetch, as `Client.request` gives it: `[Response, body]`, or a `ResponseError` for a non-2xx answer. */
async function sendOverFetch(request: PreparedRequest, helpers: typeof classes): Promise<[ClientResponse, unknown]> {
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]));
  const body = request.data === undefined ? undefined : typeof request.data === 'string' ? request.data : JSON.stringify(request.data);
  let status: number;
  let statusText: string;
  let responseHeaders: Record<string, string>;
  let text: string;
  try {
    const response = await fetch(urlOf(request), {
      method: (request.method ?? 'GET').toUpperCase(),
      headers,
      body,
      redirect: 'manual',
      ...(request.timeout ? { signal: AbortSignal.timeout(request.timeout) } : {}),
    });
    ({ status, statusText } = response);
    responseHeaders = Object.fromEntries(response.headers);
    text = await response.text();
  } catch (error) {
    throw new SendgridNetworkError(fetchFailureCode(error), { cause: error });
  }
  const responseBody = parsed(text);
  if (status < 200 || status >= 300) throw new (helpers.ResponseError as unknown as ResponseErrorClass)({ status, statusText, headers: responseHeaders, data: responseBody });
  return [new helpers.Response(status, responseBody as object, responseHeaders), responseBody];
}

/**
 * Loads SendGrid's own `Client` and gives it a transport over Node's fetch instead of axios. The
 * client keeps everything else (API key, base URL, default headers and request, as its setters
 * leave them: `createRequest` still builds every request); the transport keeps connections alive,
 * honours the client's `timeout`, retries nothing (retries and fallback belong to the notifier)
 * and follows no redirect (one fails as an HTTP error, so the API key never follows it). A
 * notifier bundle then leaves axios out (src/bundling.ts). Loaded when called, so a cold start
 * does not run the SendGrid packages.
 */
export async function loadSendgridFetchClient(): Promise<typeof Client> {
  // The packages' typings declare their classes beside a default singleton, as CommonJS properties.
  const [clientModule, helpersModule] = await Promise.all([import('@sendgrid/client'), import('@sendgrid/helpers')]);
  const { Client: SendgridClient } = clientModule as unknown as { Client: typeof Client };
  const helpers = (helpersModule as unknown as { classes: typeof classes }).classes;

  return class SendgridFetchClient extends SendgridClient {
    override request(data: ClientRequest, cb?: Callback): Promise<[ClientResponse, unknown]> {
      if (cb !== undefined && typeof cb !== 'function') throw new Error('Callback passed is not a function.');
      const promise = sendOverFetch(this.createRequest(data) as PreparedRequest, helpers);
      if (!cb) return promise;
      // As the SDK's: the callback gets the outcome, and the promise settles once it has run.
      const callback = cb as (err: unknown, response: [ClientResponse, unknown] | null) => void;
      return promise.then(
        (result) => callback(null, result),
        (error: unknown) => callback(error, null),
      ) as unknown as Promise<[ClientResponse, unknown]>;
    }
  };
}
