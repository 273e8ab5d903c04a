import { VersionConflictError, ContentionError } from './errors';

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 30, baseDelayMs: 5, maxDelayMs: 250 };

/** Exponential backoff with full jitter (AWS Architecture Blog), in ms. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Re-runs `attempt` (read, decide, conditional write) while it loses optimistic-concurrency races.
 * Every other error ends the loop at once.
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err;
      if (i + 1 >= policy.attempts) throw new ContentionError(undefined, { cause: err });
      await sleep(backoffDelay(i, policy));
    }
  }
}
