/**
 * How an SMS body is encoded and how many segments it costs. GSM 03.38 7-bit text fits 160
 * septets in one message, 153 per part once split (the rest is the concatenation header);
 * anything outside the GSM alphabet forces UCS-2: 70 UTF-16 units, 67 per part.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentInfo {
  readonly encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly segments: number;
}

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Sent as escape + char: two septets each. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

export function detectEncoding(text: string): SmsEncoding {
  for (const char of text) {
    if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) return 'UCS-2';
  }
  return 'GSM-7';
}

/** Cost of each character in units: an escape pair or a surrogate pair is never split across parts. */
function unitCosts(text: string, encoding: SmsEncoding): number[] {
  return Array.from(text, (char) => (encoding === 'GSM-7' ? (GSM7_EXTENSION.has(char) ? 2 : 1) : char.length));
}

export function countSegments(text: string): SegmentInfo {
  const encoding = detectEncoding(text);
  const costs = unitCosts(text, encoding);
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { single, part } = LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1 };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
}
