import { randomInt } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { Clock, IdGenerator } from '../domain/ports';

export const systemClock: Clock = { now: () => new Date() };

/** ULIDs for transactions (time-ordered, so a descending query is newest first), 12-digit account numbers. */
export function systemIds(): IdGenerator {
  const ulid = monotonicFactory();
  return {
    transactionId: () => ulid(),
    accountId: () => String(randomInt(1, 10)) + Array.from({ length: 11 }, () => String(randomInt(0, 10))).join(''),
  };
}
