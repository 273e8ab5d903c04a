const E164 = /^\+[1-9]\d{1,14}$/;
const WHATSAPP_PREFIX = /^whatsapp:/i;

/** True for `+15551234567` and `whatsapp:+15551234567`, as Twilio requires of `To`. */
export function isValidTwilioRecipient(to: string): boolean {
  return E164.test(to.replace(WHATSAPP_PREFIX, ''));
}

export function isWhatsApp(address: string): boolean {
  return WHATSAPP_PREFIX.test(address);
}

/**
 * Canonical form used to compare recipients: no `whatsapp:` prefix, trimmed, lower-case. A bare
 * run of digits gets its `+` back, because an unencoded `+` in a query string arrives as a space.
 */
export function normalizeAddress(address: string): string {
  const bare = address.replace(WHATSAPP_PREFIX, '').trim().toLowerCase();
  return /^\d{2,15}$/.test(bare) ? `+${bare}` : bare;
}
