import twilio from 'twilio';

export const TWILIO_API_URL = 'https://api.twilio.com';

export interface TwilioClientOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** Replaces `https://api.twilio.com` in every request URI (a sandbox); default: the real API. */
  readonly baseUrl?: string;
  readonly timeoutMs: number;
}

type RequestOptions = twilio.RequestClient extends { request(opts: infer O): unknown } ? O : never;

/**
 * The SDK's HTTP client with a per-request timeout and, when a base URL is configured, request URIs
 * rewritten from the public API host to it. Twilio's client passes the full `uri` of each call here.
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  private readonly baseUrl: string | undefined;
  private readonly timeoutMs: number;

  constructor(options: { baseUrl?: string; timeoutMs: number }) {
    // autoRetry stays off: retries and fallback belong to the notifier.
    super({ timeout: options.timeoutMs, autoRetry: false });
    this.baseUrl = options.baseUrl?.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
  }

  rewrite(uri: string): string {
    if (!this.baseUrl || this.baseUrl === TWILIO_API_URL || !uri.startsWith(TWILIO_API_URL)) return uri;
    return this.baseUrl + uri.slice(TWILIO_API_URL.length);
  }

  override request<TData>(opts: RequestOptions & { data?: TData }) {
    return super.request<TData>({ ...opts, uri: this.rewrite(opts.uri), timeout: this.timeoutMs });
  }
}

/** A new twilio client (never the SDK's shared one) wired to the configured base URL and timeout. */
export function createTwilioClient(options: TwilioClientOptions): twilio.Twilio {
  const httpClient = new RedirectingRequestClient({ baseUrl: options.baseUrl, timeoutMs: options.timeoutMs });
  return twilio(options.accountSid, options.authToken, { httpClient });
}
