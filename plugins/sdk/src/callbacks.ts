import type { ChannelPlugin, JsonSchema, SecretRequirement } from './contract';
import { CallbackVerificationError, PluginConfigError } from './errors';

/**
 * The optional part of a plugin that reads its provider's delivery status callbacks. The host
 * (services/delivery-status) names no provider: it serves `POST /webhooks/<provider>` for every
 * bundled plugin that declares `callbacks`, and asks the plugin to verify and read each request.
 */

/** What a provider says happened to a message it had accepted. */
export type ReportedStatus = 'SENT' | 'DELIVERED' | 'UNDELIVERED' | 'BOUNCED' | 'FAILED';

/** One status of one message, as the provider reported it. Carries no address. */
export interface StatusReport {
  /** The id `send` returned for the message (`providerMessageId`). */
  readonly providerMessageId: string;
  /**
   * The `idempotencyKey` the message was sent with (`OutboundMessage.idempotencyKey`), when the
   * provider echoes it (a query parameter of the callback URL, a custom argument): the host then
   * finds the delivery by it, without a provider-message lookup. Plugins that return it declare
   * `statusReportsCarryKey` (see ChannelPlugin).
   */
  readonly notificationKey?: string;
  readonly status: ReportedStatus;
  /** The provider's error or reason code (Twilio `30003`, an SMTP `5.1.1`), never free text. */
  readonly errorCode?: string;
  /**
   * The address will never receive anything (a hard bounce, a number that does not exist): the
   * host turns the channel off for the customer. Only with UNDELIVERED, BOUNCED or FAILED.
   */
  readonly permanent?: boolean;
  /** ISO time the provider gives for the status (the time of the callback when it gives none). */
  readonly occurredAt: string;
}

/** A callback request as the host received it. Contains PII in the body: never log it. */
export interface CallbackRequest {
  /** The exact public URL the provider called (scheme, host, stage path, path and query), as signed. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body exactly as received (signatures are computed over these bytes). */
  readonly rawBody: string;
  /** The host's clock, for replay windows. */
  readonly now: Date;
}

/** What `create` returns: verification and reading of one provider's callbacks. */
export interface CallbackReader {
  /**
   * Throws CallbackVerificationError when the request is not signed by the provider: `missing`
   * signature, `invalid` signature, `stale` (outside the replay window).
   */
  verify(request: CallbackRequest): void;
  /**
   * The reports a verified request carries; statuses the host has no use for (queued, opened,
   * clicked) are left out. Throws CallbackFormatError for a body it cannot read.
   */
  parse(request: CallbackRequest): StatusReport[];
}

/**
 * A plugin's declaration of its provider's status callbacks. Config is declared like the
 * plugin's own: a JSON Schema, the values as `${ENV}` strings (interpolated from the host's
 * environment and from the `secrets` it names), created once per cold start.
 */
export interface StatusCallbacks<Config = Record<string, unknown>> {
  /** The path segment of `POST /webhooks/<provider>`; plugins of one vendor share one (and one declaration object). */
  readonly provider: string;
  readonly configSchema: JsonSchema;
  /** Config values, `${NAME}` / `${NAME:-default}` interpolated from the environment and the secrets. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Secrets the host reads for the callbacks (AWS: `bank/providers/<name>`). */
  readonly secrets?: readonly SecretRequirement[];
  /** Larger bodies are refused with 413 before anything is read. Default `DEFAULT_CALLBACK_MAX_BODY_BYTES`. */
  readonly maxBodyBytes?: number;
  create(config: Config): CallbackReader;
}

export const DEFAULT_CALLBACK_MAX_BODY_BYTES = 64 * 1024;

/** The route prefix of provider callbacks; the route table (`@bank/topology`) declares `/webhooks/{provider}`. */
export const CALLBACK_PATH_PREFIX = '/webhooks/';

/**
 * The public URL a provider must call back for `provider`, from the API's public base URL.
 *
 * @example callbackUrl('https://api.example.com/v1', 'twilio') // 'https://api.example.com/v1/webhooks/twilio'
 */
export function callbackUrl(publicApiUrl: string, provider: string): string {
  return `${publicApiUrl.replace(/\/+$/, '')}${CALLBACK_PATH_PREFIX}${encodeURIComponent(provider)}`;
}

/**
 * The longest notification key a reader returns (`<eventId>:<channel>:<addressId>`, event ids are
 * at most 128 characters): anything longer did not come from this system.
 */
export const MAX_NOTIFICATION_KEY_LENGTH = 512;

/**
 * A notification key as a provider echoed it, if it is one: a non-empty string of printable
 * ASCII characters (spaces included), at most MAX_NOTIFICATION_KEY_LENGTH long; undefined otherwise (the report then
 * carries none, and the host falls back to the provider-message lookup).
 *
 * @example notificationKeyOf(event.idempotencyKey) // 'evt-1:email' or undefined
 */
export function notificationKeyOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NOTIFICATION_KEY_LENGTH && /^[\x20-\x7e]+$/.test(value) ? value : undefined;
}

/**
 * Whether a host must keep a provider-message lookup for this plugin's sent messages, so that a
 * status report finds its delivery: only when the plugin reads status callbacks and does not
 * declare that its reports carry the notification key (`statusReportsCarryKey`). Reads only the
 * plugin's own data, never its callbacks module (a notifier's bundle may prune that code).
 *
 * @example needsMessageLookup(smsTwilioPlugin) // false: Twilio's callbacks echo the key
 */
export function needsMessageLookup(plugin: Pick<ChannelPlugin<never>, 'callbacks' | 'statusReportsCarryKey'>): boolean {
  return plugin.callbacks !== undefined && plugin.statusReportsCarryKey !== true;
}

/** A header of a callback request (names are lower case in `headers`); undefined when absent or empty. */
export function callbackHeader(request: Pick<CallbackRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Verifies, then reads: the only way a host should read a callback.
 *
 * @example const reports = readCallback(reader, { url, headers, rawBody, now: new Date() });
 */
export function readCallback(reader: CallbackReader, request: CallbackRequest): StatusReport[] {
  reader.verify(request);
  return reader.parse(request);
}

/** The signature header a verifier needs, or a `missing` CallbackVerificationError. */
export function requireHeader(request: Pick<CallbackRequest, 'headers'>, name: string): string {
  const value = callbackHeader(request, name);
  if (value === undefined) throw new CallbackVerificationError('missing', `the ${name} header is missing`);
  return value;
}

/**
 * Identity helper that types `create(config)` against Config, as `definePlugin` does for plugins.
 *
 * @example export const callbacks = defineCallbacks<MyCallbackConfig>({ provider: 'acme', configSchema, config: { key: '${ACME_KEY}' }, create });
 */
export function defineCallbacks<Config>(callbacks: StatusCallbacks<Config>): StatusCallbacks<Config> {
  return callbacks;
}

/**
 * The status callbacks a set of plugins declares, by provider id (the `/webhooks/<provider>`
 * segment). Plugins of one vendor declare one object (Twilio's SMS and WhatsApp plugins); two
 * different declarations under one provider id are a PluginConfigError.
 *
 * @example callbackProvidersOf(plugins).get('twilio')
 */
export function callbackProvidersOf(plugins: readonly Pick<ChannelPlugin<never>, 'id' | 'channel' | 'callbacks'>[]): Map<string, StatusCallbacks<never>> {
  const byProvider = new Map<string, StatusCallbacks<never>>();
  for (const plugin of plugins) {
    const callbacks = plugin.callbacks;
    if (!callbacks) continue;
    const known = byProvider.get(callbacks.provider);
    if (known && known !== callbacks) {
      throw new PluginConfigError(`plugin ${plugin.channel}/${plugin.id} declares callbacks for provider ${callbacks.provider}, which another plugin declares differently`);
    }
    byProvider.set(callbacks.provider, callbacks);
  }
  return byProvider;
}
