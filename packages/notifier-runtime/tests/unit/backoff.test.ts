import { backoffCeilingSeconds, backoffSeconds } from '../../src/backoff';

const policy = { maxReceiveCount: 5, baseBackoffSeconds: 2, maxBackoffSeconds: 60 };

describe('backoffCeilingSeconds', () => {
  it('doubles with every receive until it reaches the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffCeilingSeconds(attempt, policy))).toEqual([2, 4, 8, 16, 32, 60, 60]);
  });

  it('stays finite for absurd attempt numbers', () => {
    expect(backoffCeilingSeconds(10_000, policy)).toBe(60);
  });
});

describe('backoffSeconds', () => {
  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(backoffSeconds(4, policy, () => 0.5)).toBe(8);
    expect(backoffSeconds(4, policy, () => 0.99)).toBe(16);
  });

  it('never returns 0, so the message does not come back at once', () => {
    expect(backoffSeconds(1, policy, () => 0)).toBe(1);
  });

  it('stays within [1, ceiling] for every random draw', () => {
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      for (const r of [0, 0.001, 0.25, 0.5, 0.999999, 1]) {
        const delay = backoffSeconds(attempt, policy, () => r);
        expect(delay).toBeGreaterThanOrEqual(1);
        expect(delay).toBeLessThanOrEqual(backoffCeilingSeconds(attempt, policy));
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });

  it('is jittered: different draws give different delays', () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.95].map((r) => backoffSeconds(6, policy, () => r)));
    expect(delays.size).toBe(4);
  });
});
