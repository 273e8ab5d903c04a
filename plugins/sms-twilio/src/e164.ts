const E164 = /^\+[1-9]\d{1,14}$/;

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export function isE164(value: string): boolean {
  return E164.test(value);
}
