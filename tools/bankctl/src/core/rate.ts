import { UsageError } from '../errors';

const RATE = /^(\d+(?:\.\d+)?)(?:\/s)?$/;

/** Parses `--rate`: `10/s` or `10` → messages per second (> 0). */
export function parseRate(text: string): number {
  const match = RATE.exec(text.trim());
  const perSecond = match?.[1] ? Number(match[1]) : Number.NaN;
  if (!(perSecond > 0)) throw new UsageError(`invalid rate "${text}" (use e.g. 10/s)`);
  return perSecond;
}

/** Parses a positive integer flag such as `--max`. */
export function parsePositiveInt(text: string, flag: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`${flag} must be a positive integer (got "${text}")`);
  return value;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Token bucket for `--rate N/s`: holds at most one second's worth of tokens (so a replay never
 * bursts more than N messages in any second) and starts full.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = Math.max(1, perSecond);
    this.last = clock.now();
  }

  /** Resolves when one token is available and takes it. */
  async take(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(Math.max(1, this.perSecond), this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
