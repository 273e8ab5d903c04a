import { countSegments, detectEncoding } from '../../src/index';

describe('detectEncoding', () => {
  it('keeps the brief\'s alert in GSM-7', () => {
    expect(detectEncoding('Alert: $500 withdrawn from your account. Available balance: $4500.')).toBe('GSM-7');
  });

  it('keeps GSM extension characters in GSM-7', () => {
    expect(detectEncoding('€ [x] {y} ~ | ^ \\')).toBe('GSM-7');
  });

  it.each(['Olá ç ã', 'emoji 💸', '中文', 'curly ’quote’'])('switches to UCS-2 for %p', (text) => {
    expect(detectEncoding(text)).toBe('UCS-2');
  });
});

describe('countSegments', () => {
  it.each([
    ['', 0, 0],
    ['a'.repeat(160), 160, 1],
    ['a'.repeat(161), 161, 2],
    ['a'.repeat(306), 306, 2],
    ['a'.repeat(307), 307, 3],
  ])('counts GSM-7 text of length %#: %i septets in %i segments', (text, units, segments) => {
    expect(countSegments(text)).toEqual({ encoding: 'GSM-7', units: text === '' ? 0 : units, segments });
  });

  it('counts extension characters as two septets', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments(`${'a'.repeat(159)}€`)).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
  });

  it('never splits an escape pair across parts', () => {
    // 152 septets then a 2-septet char: it moves whole to part two, and 153 + 1 more spills into part three.
    expect(countSegments(`${'a'.repeat(152)}€${'b'.repeat(152)}`).segments).toBe(3);
  });

  it.each([
    ['é'.repeat(0) + 'ç'.repeat(70), 70, 1],
    ['ç'.repeat(71), 71, 2],
    ['ç'.repeat(134), 134, 2],
    ['ç'.repeat(135), 135, 3],
  ])('counts UCS-2 text: %#', (text, units, segments) => {
    expect(countSegments(text)).toEqual({ encoding: 'UCS-2', units, segments });
  });

  it('counts an emoji as two UTF-16 units', () => {
    expect(countSegments('💸'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments('💸'.repeat(36))).toEqual({ encoding: 'UCS-2', units: 72, segments: 2 });
  });
});
