import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { IdempotencyKeyTakenError, translateCancellation, type ItemRole } from '../../../src/adapters/cancellation';
import { AccountExistsError, LimitExceededError, VersionConflictError } from '../../../src/domain/errors';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const roles: ItemRole[] = ['balance', 'record', 'daily', 'idempotency'];

describe('translateCancellation', () => {
  it('retries a TransactionConflict instead of reporting insufficient funds or a 5xx', () => {
    expect(translateCancellation(cancelled('TransactionConflict', 'None', 'None', 'None'), roles, 'a')).toBeInstanceOf(VersionConflictError);
  });

  it('retries a lost race on the account version', () => {
    expect(translateCancellation(cancelled('ConditionalCheckFailed', 'None', 'None', 'None'), roles, 'a')).toBeInstanceOf(VersionConflictError);
  });

  it('reports the daily counter condition as a limit', () => {
    expect(translateCancellation(cancelled('None', 'None', 'ConditionalCheckFailed', 'None'), roles, 'a')).toBeInstanceOf(LimitExceededError);
  });

  it('reports an Idempotency-Key another request answered first', () => {
    expect(translateCancellation(cancelled('None', 'None', 'None', 'ConditionalCheckFailed'), roles, 'a')).toBeInstanceOf(IdempotencyKeyTakenError);
  });

  it('puts the key first when the account changed too: the winner\'s answer is the answer', () => {
    expect(translateCancellation(cancelled('ConditionalCheckFailed', 'None', 'None', 'ConditionalCheckFailed'), roles, 'a')).toBeInstanceOf(IdempotencyKeyTakenError);
    expect(translateCancellation(cancelled('ConditionalCheckFailed', 'None', 'ConditionalCheckFailed'), ['create', 'record', 'idempotency'], 'a')).toBeInstanceOf(IdempotencyKeyTakenError);
  });

  it('reports a taken account id on create', () => {
    expect(translateCancellation(cancelled('ConditionalCheckFailed', 'None'), ['create', 'record'], 'a')).toBeInstanceOf(AccountExistsError);
  });

  it('retries a conflict with a non-transactional write', () => {
    const err = new TransactionConflictException({ message: 'conflict', $metadata: {} });
    expect(translateCancellation(err, roles, 'a')).toBeInstanceOf(VersionConflictError);
  });

  it('passes other errors through unchanged', () => {
    const err = new Error('network');
    expect(translateCancellation(err, roles, 'a')).toBe(err);
  });
});
