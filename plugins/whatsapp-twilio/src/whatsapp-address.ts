import { isE164 } from '@bank/plugin-sms-twilio';

const PREFIX = 'whatsapp:';

/** `+15551234567` or `whatsapp:+15551234567` → `whatsapp:+15551234567`; undefined when not E.164. */
export function toWhatsappAddress(value: string): string | undefined {
  const number = value.startsWith(PREFIX) ? value.slice(PREFIX.length) : value;
  return isE164(number) ? `${PREFIX}${number}` : undefined;
}
