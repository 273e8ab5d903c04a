export type Provider = 'sendgrid' | 'twilio' | 'smtp';
export type Channel = 'email' | 'sms' | 'whatsapp';

export const PROVIDERS: readonly Provider[] = ['sendgrid', 'twilio', 'smtp'];
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'whatsapp'];

/** One message a provider accepted. Refused calls (faults, invalid numbers, opt-outs) never become one. */
export interface CapturedMessage {
  id: string;
  provider: Provider;
  channel: Channel;
  /** The recipient as the provider saw it (`whatsapp:+1…` for WhatsApp). */
  to: string;
  from: string;
  subject?: string;
  /** Plain-text body (email: the text part, else the HTML). */
  body: string;
  /** HTML part of an email, when there is one. */
  html?: string;
  contentSid?: string;
  contentVariables?: Record<string, string>;
  providerMessageId: string;
  /** ISO 8601. */
  receivedAt: string;
}

export function isProvider(value: unknown): value is Provider {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
