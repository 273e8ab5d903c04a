import { countSegments } from '../../../src/providers/sms-segments';

describe('countSegments', () => {
  it('fits 160 GSM-7 characters in one segment and splits longer text by 153', () => {
    expect(countSegments('a'.repeat(160))).toBe(1);
    expect(countSegments('a'.repeat(161))).toBe(2);
    expect(countSegments('a'.repeat(307))).toBe(3);
  });

  it('counts GSM-7 extension characters twice', () => {
    expect(countSegments('€'.repeat(80))).toBe(1);
    expect(countSegments('€'.repeat(81))).toBe(2);
  });

  it('falls back to UCS-2 limits of 70 and 67 for other characters', () => {
    expect(countSegments('ü'.repeat(70))).toBe(1);
    expect(countSegments('✓'.repeat(70))).toBe(1);
    expect(countSegments('✓'.repeat(71))).toBe(2);
  });
});
