/**
 * The plugin contract. A channel plugin is a package whose default export is a `ChannelPlugin`:
 * data (id, channel, version, configSchema) plus a factory. Notifiers know nothing else about it.
 */

/** JSON Schema (draft 2020-12 or 07) object describing a plugin's config. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One rendered notification, ready for a provider. Contains PII: never log it. */
export interface OutboundMessage {
  /** Channel id: 'email', 'sms', 'whatsapp', 'push', ... */
  readonly channel: string;
  /** Address in the channel's format: an email address, an E.164 phone number, a device token. */
  readonly to: string;
  /** Subject line (email); absent for channels without one. */
  readonly subject?: string;
  /** Plain-text body. */
  readonly body: string;
  /** Template variables, for providers with their own approved templates (WhatsApp ContentVariables). */
  readonly variables?: Readonly<Record<string, string>>;
  /** Stable id of the notification (`<eventId>:<channel>`), usable as a provider idempotency key. */
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

export interface ChannelPlugin<Config = Record<string, unknown>> {
  /** Provider id, unique per channel, e.g. 'sendgrid', 'smtp', 'twilio'. */
  readonly id: string;
  readonly channel: string;
  readonly version: string;
  readonly configSchema: JsonSchema;
  /** Returns a fresh instance; called once per cold start with the validated config. */
  create(config: Config): PluginInstance;
}
