import { HoldAlreadyDecidedError } from '@bank/risk-policy';
import { TransactionCanceledException, TransactionConflictException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  AccountExistsError,
  IdempotencyLockLostError,
  LimitExceededError,
  VersionConflictError,
} from '../domain/errors';

/** What each item of a TransactWriteItems call is for, in call order. */
export type ItemRole = 'balance' | 'record' | 'daily' | 'idempotency' | 'create' | 'hold' | 'channel';

/** A channel was no longer on when it was to be turned off: another report won (the adapter's own signal). */
export class ChannelAlreadyOffError extends Error {
  constructor() {
    super('The channel was already off.');
    this.name = 'ChannelAlreadyOffError';
  }
}

/** Turns a cancelled transaction into the domain error of the item whose condition failed. */
export function translateCancellation(err: unknown, roles: readonly ItemRole[], accountId: string): unknown {
  if (err instanceof TransactionConflictException) return new VersionConflictError({ cause: err });
  if (!(err instanceof TransactionCanceledException)) return err;
  const reasons: CancellationReason[] = err.CancellationReasons ?? [];
  const failed = reasons.flatMap((reason, index) => (reason.Code && reason.Code !== 'None' ? [{ code: reason.Code, role: roles[index] }] : []));
  // Conflicts with concurrent transactions are transient: retry the whole command.
  if (failed.length === 0 || failed.some((f) => f.code === 'TransactionConflict' || f.code === 'ThrottlingError')) {
    return new VersionConflictError({ cause: err });
  }
  const conditional = failed.filter((f) => f.code === 'ConditionalCheckFailed').map((f) => f.role);
  if (conditional.includes('create')) return new AccountExistsError(accountId);
  if (conditional.includes('balance')) return new VersionConflictError({ cause: err });
  // Another decision got there first: the hold is decided once.
  if (conditional.includes('hold')) return new HoldAlreadyDecidedError('decided');
  if (conditional.includes('channel')) return new ChannelAlreadyOffError();
  if (conditional.includes('idempotency')) return new IdempotencyLockLostError();
  if (conditional.includes('daily')) return new LimitExceededError('The amount exceeds the daily withdrawal limit.');
  return err;
}
