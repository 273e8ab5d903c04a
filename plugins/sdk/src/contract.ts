/**
 * The plugin contract. A channel plugin is a package whose default export is a `ChannelPlugin`:
 * data (id, channel, version, configSchema) plus a factory. Notifiers know nothing else about it.
 */

import type { StatusCallbacks } from './callbacks';

/** JSON Schema (draft 2020-12 or 07) object describing a plugin's config. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One rendered notification, ready for a provider. Contains PII: never log it. */
export interface OutboundMessage {
  /** Channel id: 'email', 'sms', 'whatsapp', 'push', ... */
  readonly channel: string;
  /** Address in the channel's format: an email address, an E.164 phone number, a device token, an endpoint URL. */
  readonly to: string;
  /**
   * What was registered with the address besides the address itself (for example the keys a
   * browser gave with its subscription endpoint); absent for plain addresses.
   */
  readonly toAttributes?: Readonly<Record<string, string>>;
  /** Subject line; absent for channels without one. */
  readonly subject?: string;
  /** Short title (a notification banner); absent for channels without one. */
  readonly title?: string;
  /** Plain-text body. */
  readonly body: string;
  /** Template variables, for providers with their own approved templates (WhatsApp ContentVariables). */
  readonly variables?: Readonly<Record<string, string>>;
  /** Ids about the event for structured payloads (`eventType`, `accountSuffix`, `transactionId`); never PII. */
  readonly data?: Readonly<Record<string, string>>;
  /** Stable id of the notification (`<eventId>:<channel>`, `:<addressId>` appended per registered address), usable as a provider idempotency key. */
  readonly idempotencyKey: string;
  /** Event type that caused the notification (e.g. 'MoneyDeposited'). */
  readonly eventType: string;
}

export interface SendResult {
  readonly providerMessageId: string;
}

export interface PluginInstance {
  /** Sends one message; throws RetryableError or PermanentError (from this SDK) on failure. */
  send(message: OutboundMessage): Promise<SendResult>;
  /** Releases connections (SMTP pools); optional. */
  close?(): Promise<void>;
}

/**
 * A secret the plugin's credentials live in. The host creates it (in AWS a Secrets Manager secret
 * holding a JSON object with these keys), grants the notifier read access, and exposes each key
 * to the manifest as `${<NAME>_<KEY>}`: secret `twilio` with key `authToken` → `${TWILIO_AUTH_TOKEN}`.
 */
export interface SecretRequirement {
  /** Lower-case kebab-case; several plugins of one vendor may share a secret by name. */
  readonly name: string;
  readonly keys: readonly string[];
  /**
   * Keys whose values are public and served by the account API, by the environment variable the
   * API reads each from: the Web Push plugin's `{ VAPID_PUBLIC_KEY: 'publicKey' }` is the key
   * browsers subscribe with (`GET /push/vapid-public-key`). The host resolves them into the API's
   * environment when it deploys, so the API reads no secret and the host names no plugin's
   * secret. Never a private key: the API's environment is no secret store.
   */
  readonly apiEnv?: Readonly<Record<string, string>>;
}

/**
 * How the local stack points the plugin at the provider sandbox: environment variables (the ones
 * its manifest entry reads) and their local values. Values may use the sandbox's placeholders,
 * `{sandboxUrl}`, `{smtpHost}`, `{smtpPort}`, `{sandboxCaFile}`; local credentials go here too,
 * never into a shipped manifest.
 */
export interface LocalSettings {
  readonly env: Readonly<Record<string, string>>;
}

export interface ChannelPlugin<Config = Record<string, unknown>> {
  /** Provider id, unique per channel, e.g. 'sendgrid', 'smtp', 'twilio'. */
  readonly id: string;
  readonly channel: string;
  readonly version: string;
  readonly configSchema: JsonSchema;
  /** Secrets the host must provide; the host names no provider, it reads this. */
  readonly secrets?: readonly SecretRequirement[];
  /** Environment the local stack sets so the plugin talks to the sandbox. */
  readonly local?: LocalSettings;
  /** How to verify and read the provider's delivery status callbacks, when it sends them. */
  readonly callbacks?: StatusCallbacks<never>;
  /**
   * True when every status report of this plugin's messages carries the message's
   * `idempotencyKey` back (`StatusReport.notificationKey`): `send` gives the key to the provider in
   * a way it echoes (a query parameter of the status callback URL, a custom argument), and the
   * callbacks reader returns it. The host then keeps no provider-message lookup for the plugin's
   * messages (a plugin without `callbacks` needs none either). Data on the plugin itself, not on
   * `callbacks`: the notifier reads it, and a notifier's bundle may prune the callbacks code.
   */
  readonly statusReportsCarryKey?: boolean;
  /**
   * What in a (validated) config only fits the local stack: a base URL that is not the provider's
   * own https host, mail without TLS, an extra certificate authority. Outside the local stack the
   * host refuses such a provider (it fails alone, loudly); empty means fit for production.
   */
  productionProblems?(config: Config): readonly string[];
  /** Returns a fresh instance; called once per cold start with the validated config. */
  create(config: Config): PluginInstance;
}
