/**
 * Money is integer minor units (cents) inside the system. The HTTP API and the event templates
 * speak major units; these functions are the only place the two meet, and they never do
 * arithmetic on floats.
 */

export class MoneyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MoneyError';
  }
}

/** The amount is not a finite JSON number with at most two decimals. */
export class InvalidAmountError extends MoneyError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAmountError';
  }
}

const MAJOR_PATTERN = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Converts a major-unit JSON number (e.g. 10.5) to minor units (1050) exactly, by reading the
 * number's shortest decimal form rather than multiplying a float. Rejects negatives, NaN,
 * infinities, exponent forms (too large or too small) and more than two decimals.
 */
export function toMinorUnits(major: number): number {
  if (typeof major !== 'number' || !Number.isFinite(major)) throw new InvalidAmountError('amount must be a finite number');
  if (major < 0) throw new InvalidAmountError('amount must not be negative');
  const match = MAJOR_PATTERN.exec(String(major));
  if (!match) throw new InvalidAmountError('amount must have at most 2 decimal places');
  const whole = match[1] ?? '0';
  const cents = (match[2] ?? '').padEnd(2, '0');
  const minor = Number(whole) * 100 + Number(cents);
  if (!Number.isSafeInteger(minor)) throw new InvalidAmountError('amount is too large');
  return minor;
}

/** Minor units to the major-unit JSON number the API returns (1050 → 10.5, -30 → -0.3). */
export function toMajorUnits(minor: number): number {
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`not an integer amount of minor units: ${minor}`);
  // Division of an integer by 100 yields the double nearest the decimal value, e.g. 30 / 100 === 0.3.
  return minor / 100;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£' };

/**
 * Human form used in notifications: whole amounts print without cents (`$1000`), others with two
 * decimals (`$10.50`), as in the brief's examples. No thousands separators (the brief has none).
 */
export function formatMoney(minor: number, currency = 'USD'): string {
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`not an integer amount of minor units: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  const symbol = CURRENCY_SYMBOLS[currency] ?? `${currency} `;
  return cents === 0 ? `${sign}${symbol}${whole}` : `${sign}${symbol}${whole}.${String(cents).padStart(2, '0')}`;
}
