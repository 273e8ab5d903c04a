import type { RetryPolicy } from '@bank/topology';

/** SQS refuses visibility timeouts above 12 hours. */
const SQS_MAX_VISIBILITY_SECONDS = 43_200;

/** The exponential cap for the `attempt`-th receive (1-based): base · 2^(attempt-1), at most maxBackoffSeconds. */
export function backoffCeilingSeconds(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2^exponent overflows to Infinity for huge attempts; min() keeps it bounded.
  return Math.min(policy.maxBackoffSeconds, policy.baseBackoffSeconds * 2 ** exponent, SQS_MAX_VISIBILITY_SECONDS);
}

/**
 * Full-jitter backoff (AWS Architecture Blog, "Exponential Backoff and Jitter"): a uniform draw in
 * [1, ceiling] whole seconds, so retries of many messages spread out instead of arriving together.
 * Never 0: a zero visibility would make the message visible again at once.
 */
export function backoffSeconds(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = backoffCeilingSeconds(attempt, policy);
  const draw = Math.ceil(Math.min(Math.max(random(), 0), 1) * ceiling);
  return Math.max(1, Math.min(draw, Math.max(1, Math.floor(ceiling))));
}
