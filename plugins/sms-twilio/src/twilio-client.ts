import twilio from 'twilio';
import { fetchFailureCode } from '@bank/plugin-sdk';

export const TWILIO_API_URL = 'https://api.twilio.com';

export interface TwilioClientOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** Replaces `https://api.twilio.com` in every request URI (a sandbox); default: the real API. */
  readonly baseUrl?: string;
  readonly timeoutMs: number;
}

/** What the SDK's `BaseTwilio.request` hands its HTTP client: the full URI, basic credentials, form fields. */
export interface TwilioHttpRequest {
  readonly method: string;
  readonly uri: string;
  readonly username?: string;
  readonly password?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** What the SDK expects back: it parses JSON bodies and turns non-2xx answers into a RestException. */
export interface TwilioHttpResponse {
  readonly statusCode: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A request that got no answer: `code` is what classifyTwilioError reads (`TIMEOUT`, `ECONNREFUSED`…). */
export class TwilioNetworkError extends Error {
  constructor(
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(`Twilio request failed: ${code}`, options);
    this.name = 'TwilioNetworkError';
  }
}

/** Form encoding as the SDK's own client does it (arrays repeat the key); undefined values are left out. */
function formOf(fields: Readonly<Record<string, unknown>> | undefined): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) form.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}

/**
 * The SDK's HTTP client over Node's fetch (keep-alive connections, a per-request timeout, no
 * retries: retries and fallback belong to the notifier), with request URIs rewritten from the
 * public API host to a configured base URL. In place of the SDK's axios-based RequestClient, which
 * a notifier bundle then leaves out with axios and its dependencies (src/bundling.ts).
 */
export class TwilioFetchClient {
  private readonly baseUrl: string | undefined;
  private readonly timeoutMs: number;

  constructor(options: { baseUrl?: string; timeoutMs: number }) {
    this.baseUrl = options.baseUrl?.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
  }

  rewrite(uri: string): string {
    if (!this.baseUrl || this.baseUrl === TWILIO_API_URL || !uri.startsWith(TWILIO_API_URL)) return uri;
    return this.baseUrl + uri.slice(TWILIO_API_URL.length);
  }

  async request(opts: TwilioHttpRequest): Promise<TwilioHttpResponse> {
    const url = new URL(this.rewrite(opts.uri));
    for (const [key, value] of formOf(opts.params)) url.searchParams.append(key, value);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.username && opts.password) headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    const method = opts.method.toUpperCase();
    const body = opts.data && (method === 'POST' || method === 'PUT') ? formOf(opts.data).toString() : undefined;
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
      return { statusCode: response.status, body: await response.text(), headers: Object.fromEntries(response.headers) };
    } catch (error) {
      throw new TwilioNetworkError(fetchFailureCode(error), { cause: error });
    }
  }
}

/** A new twilio client (never the SDK's shared one) sending over {@link TwilioFetchClient}. */
export function createTwilioClient(options: TwilioClientOptions): twilio.Twilio {
  const httpClient = new TwilioFetchClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs });
  // The SDK calls only `request` on its HTTP client (BaseTwilio.request); its type is the axios client's class.
  return twilio(options.accountSid, options.authToken, { httpClient: httpClient as unknown as twilio.RequestClient });
}
