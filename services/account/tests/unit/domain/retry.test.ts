import { backoffDelay, retryOnConflict } from '../../../src/domain/retry';
import { VersionConflictError } from '../../../src/domain/errors';

const policy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 50 };

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0.999))).toEqual([9, 19, 39, 49, 49]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe('retryOnConflict', () => {
  it('does not retry errors other than version conflicts', async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw new Error('boom');
      }, policy, async () => undefined),
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });

  it('stops after the configured number of attempts', async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw new VersionConflictError();
      }, policy, async () => undefined),
    ).rejects.toThrow('busy');
    expect(calls).toBe(4);
  });
});
