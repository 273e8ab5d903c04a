/**
 * The provider stand-ins. `generic` takes one JSON notification per POST on any channel
 * (`/generic/{channel}/messages`): where a scaffolded plugin, or one written for a new channel,
 * lands locally before it talks to a real vendor.
 */
export type Provider = 'sendgrid' | 'twilio' | 'smtp' | 'webpush' | 'generic';
/** A channel id, as the channel declarations name them (`email`, `sms`, `push`, a new one…). */
export type Channel = string;

export const PROVIDERS: readonly Provider[] = ['sendgrid', 'twilio', 'smtp', 'webpush', 'generic'];

/** One message a provider accepted. Refused calls (faults, invalid numbers, opt-outs) never become one. */
export interface CapturedMessage {
  id: string;
  provider: Provider;
  channel: Channel;
  /** The recipient as the provider saw it (`whatsapp:+1…` for WhatsApp). */
  to: string;
  from: string;
  subject?: string;
  /** Notification title (push). */
  title?: string;
  /** Plain-text body (email: the text part, else the HTML). */
  body: string;
  /** Structured payload data (push `data`). */
  data?: Record<string, unknown>;
  /** Push delivery options the sender asked for. */
  ttl?: number;
  urgency?: string;
  /** HTML part of an email, when there is one. */
  html?: string;
  /** SendGrid `custom_args` (the mail's, with its personalization's over them): echoed in every Event Webhook event. */
  customArgs?: Record<string, string>;
  contentSid?: string;
  contentVariables?: Record<string, string>;
  providerMessageId: string;
  /** ISO 8601. */
  receivedAt: string;
  /** The delivery outcome the sandbox reports back for it (`POST /api/outcomes`), when it calls back. */
  outcome?: string;
  /** Each status callback post made for it (a retry is one more) and what the API answered. */
  callbacks?: CallbackRecord[];
}

/** One status callback post: what it reported, where, and the API's answer (or why there was none). */
export interface CallbackRecord {
  status: string;
  url: string;
  /** Set on a retry: 1 for the first retry of the same post. */
  retry?: number;
  httpStatus?: number;
  error?: string;
}

export function isProvider(value: unknown): value is Provider {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);
}

/** A kebab-case channel id. */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(value);
}
