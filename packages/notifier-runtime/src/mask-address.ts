/**
 * What a delivery record keeps of an address: enough for a customer to recognise which of their
 * contacts was used, nothing that identifies them. One rule per shape of address, no channel named:
 * - a mailbox `name@domain` → `•••@domain`;
 * - a phone number (digits with `+`, spaces, dashes, dots, brackets, an optional `scheme:`
 *   prefix as in `whatsapp:+1…`) → `•••` and its last four digits;
 * - a URL (a push endpoint) → its scheme and host, `https://host/•••`;
 * - anything else → `•••`.
 */
export const MASK = '•••';

const MAILBOX = /^[^\s@]+@([^\s@]+)$/;
const PHONE = /^(?:[a-z]+:)?\+?[\d\s().-]{4,32}$/;

/**
 * @example maskAddress('ada@example.com') // '•••@example.com'
 * @example maskAddress('+15555550123') // '•••0123'
 */
export function maskAddress(address: string): string {
  const value = address.trim();
  const mailbox = MAILBOX.exec(value);
  if (mailbox?.[1]) return `${MASK}@${mailbox[1].toLowerCase()}`;
  if (PHONE.test(value)) {
    const digits = value.replace(/\D/g, '');
    return digits.length >= 4 ? `${MASK}${digits.slice(-4)}` : MASK;
  }
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return `${url.protocol}//${url.host}/${MASK}`;
    } catch {
      return MASK;
    }
  }
  return MASK;
}

/** Several addresses of one delivery (registered devices), each masked, once each, in order. */
export function maskAddresses(addresses: readonly string[]): string {
  return [...new Set(addresses.map(maskAddress))].join(', ');
}
