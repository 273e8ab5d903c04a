import { formatAge, parseDuration, parseIsoTime } from '../../../src/core/duration';
import { UsageError } from '../../../src/errors';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '1', '1w', '-1h', '1.5h', 'h1'])('rejects %p as a usage error', (text) => {
    expect(() => parseDuration(text)).toThrow(UsageError);
  });
});

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [-5_000, '0s'],
    [42_000, '42s'],
    [5 * 60_000, '5m'],
    [3 * 3_600_000, '3h'],
    [3 * 3_600_000 + 12 * 60_000, '3h 12m'],
    [2 * 86_400_000 + 4 * 3_600_000, '2d 4h'],
  ])('prints %d ms as %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('parseIsoTime', () => {
  it('reads an ISO time', () => {
    expect(parseIsoTime('2025-01-31T12:00:00Z', '--from').toISOString()).toBe('2025-01-31T12:00:00.000Z');
  });

  it('rejects text that is not an ISO time, naming the flag', () => {
    expect(() => parseIsoTime('yesterday', '--from')).toThrow(/--from must be an ISO 8601 time/);
  });
});
