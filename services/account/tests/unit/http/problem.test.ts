import { InvalidAmountError } from '@bank/money';
import {
  AccountNotFoundError,
  ContentionError,
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  InsufficientFundsError,
  LimitExceededError,
  SameAccountError,
  ServiceBusyError,
  ValidationFailedError,
} from '../../../src/domain/errors';
import { HttpError, toProblem } from '../../../src/http/problem';

describe('toProblem', () => {
  it.each([
    [new ValidationFailedError('bad', [{ path: '/amount', message: 'x' }]), 400, 'VALIDATION_FAILED'],
    [new InvalidAmountError('bad'), 400, 'VALIDATION_FAILED'],
    [new AccountNotFoundError('1'), 404, 'ACCOUNT_NOT_FOUND'],
    [new InsufficientFundsError(), 422, 'INSUFFICIENT_FUNDS'],
    [new LimitExceededError('x'), 422, 'LIMIT_EXCEEDED'],
    [new SameAccountError(), 422, 'SAME_ACCOUNT'],
    [new IdempotencyInProgressError(), 409, 'IDEMPOTENCY_IN_PROGRESS'],
    [new IdempotencyKeyReusedError(), 422, 'IDEMPOTENCY_KEY_REUSED'],
    [new ContentionError(), 409, 'ACCOUNT_BUSY'],
    [new ServiceBusyError(), 503, 'SERVICE_UNAVAILABLE'],
    [new HttpError(413, 'PAYLOAD_TOO_LARGE', 'big'), 413, 'PAYLOAD_TOO_LARGE'],
  ])('maps %p to %p %p', (err, status, code) => {
    const { problem, known } = toProblem(err);
    expect(problem).toMatchObject({ status, code, type: expect.stringMatching(/^urn:bank:problem:/) });
    expect(known).toBe(true);
  });

  it('carries field errors of validation failures', () => {
    expect(toProblem(new ValidationFailedError('bad', [{ path: '/amount', message: 'x' }])).problem.errors).toEqual([{ path: '/amount', message: 'x' }]);
  });

  it('hides the details of unexpected errors behind a 500', () => {
    const { problem, known } = toProblem(new Error('secret connection string'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret');
    expect(known).toBe(false);
  });
});
