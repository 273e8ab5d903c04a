import { formatMoney, InvalidAmountError, toMajorUnits, toMinorUnits } from '../../src/index';

describe('toMinorUnits', () => {
  it.each([
    [1000, 100_000],
    [0.1, 10],
    [0.2, 20],
    [10.5, 1050],
    [10.05, 1005],
    [0, 0],
    [123456.78, 12_345_678],
  ])('converts %p major units to %p minor units exactly', (major, minor) => {
    expect(toMinorUnits(major)).toBe(minor);
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY], [1.005], [0.001], [1e21], [1e-7]])('rejects %p', (major) => {
    expect(() => toMinorUnits(major)).toThrow(InvalidAmountError);
  });

  it('rejects values that are not numbers at runtime', () => {
    expect(() => toMinorUnits('10' as unknown as number)).toThrow(InvalidAmountError);
  });
});

describe('toMajorUnits', () => {
  it('turns the sum of 0.1 and 0.2 deposits into exactly 0.3', () => {
    expect(toMajorUnits(toMinorUnits(0.1) + toMinorUnits(0.2))).toBe(0.3);
  });

  it('rejects fractional minor units', () => {
    expect(() => toMajorUnits(1.5)).toThrow();
  });
});

describe('formatMoney', () => {
  it.each([
    [100_000, '$1000'],
    [500_000, '$5000'],
    [1050, '$10.50'],
    [5, '$0.05'],
    [-250, '-$2.50'],
  ])('formats %p minor units as %p', (minor, text) => {
    expect(formatMoney(minor)).toBe(text);
  });

  it('falls back to the ISO code for currencies without a symbol', () => {
    expect(formatMoney(1000, 'CHF')).toBe('CHF 10');
  });
});
