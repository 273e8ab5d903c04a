import { mean, median, percentile, rate, ratio, summarize } from '../../src/stats';

describe('percentile', () => {
  it('uses the nearest rank, so p50 of 1..10 is 5 and p95 is 10', () => {
    const samples = [10, 3, 7, 1, 9, 2, 8, 4, 6, 5];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 99)).toBe(10);
  });

  it('returns the smallest sample for p0 and the largest for p100', () => {
    expect(percentile([4, 2, 8], 0)).toBe(2);
    expect(percentile([4, 2, 8], 100)).toBe(8);
  });

  it('picks p99 below the maximum once there are more than 100 samples', () => {
    const samples = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(percentile(samples, 99)).toBe(198);
  });

  it('is NaN for no samples and rejects a percentile outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('median', () => {
  it('takes the middle sample of an odd count and the mean of the two middle ones of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('summarize', () => {
  it('reports count, percentiles, mean and max together', () => {
    expect(summarize([1, 2, 3, 4])).toEqual({ count: 4, p50: 2, p95: 4, p99: 4, mean: 2.5, max: 4 });
    expect(mean([])).toBeNaN();
  });
});

describe('ratio and rate', () => {
  it('divides ours by the baseline and is NaN for a zero baseline', () => {
    expect(ratio(50, 200)).toBe(0.25);
    expect(ratio(1, 0)).toBeNaN();
  });

  it('turns a count over milliseconds into a per-second rate', () => {
    expect(rate(300, 1500)).toBe(200);
    expect(rate(1, 0)).toBeNaN();
  });
});
