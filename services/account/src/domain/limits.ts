import { LimitExceededError } from './errors';

/** Configurable money limits, in minor units. */
export interface Limits {
  /** Largest amount of one deposit, withdrawal or transfer. */
  readonly maxTransaction: number;
  /** Largest total of withdrawals and outgoing transfers per account per UTC day. */
  readonly dailyWithdrawal: number;
  /** Largest balance an account may hold. */
  readonly maxBalance: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxTransaction: 100_000_000, // $1,000,000
  dailyWithdrawal: 1_000_000_000, // $10,000,000
  maxBalance: 1_000_000_000_000_000, // $10 trillion, well inside Number.MAX_SAFE_INTEGER
};

export function checkTransactionAmount(amount: number, limits: Limits): void {
  if (amount > limits.maxTransaction) {
    throw new LimitExceededError(`The amount exceeds the per-transaction maximum of ${limits.maxTransaction / 100}.`);
  }
}

export function checkDailyWithdrawal(amount: number, limits: Limits): void {
  if (amount > limits.dailyWithdrawal) {
    throw new LimitExceededError(`The amount exceeds the daily withdrawal limit of ${limits.dailyWithdrawal / 100}.`);
  }
}

export function checkResultingBalance(balance: number, limits: Limits): void {
  if (balance > limits.maxBalance) throw new LimitExceededError('The resulting balance would exceed the maximum balance.');
}

/** The UTC day a timestamp falls on, which keys the daily withdrawal counter. */
export function utcDay(timestamp: string): string {
  return timestamp.slice(0, 10);
}
