import { InvalidAmountError } from '@bank/money';
import { InvalidHistoryCursorError } from '@bank/notifier-runtime/history';
import { HoldDecisionError } from '@bank/risk-policy';
import { InvalidCursorError } from '@bank/risk-service';
import {
  AccountExistsError,
  AccountClosedError,
  AccountFrozenError,
  AccountNotFoundError,
  BalanceNotZeroError,
  ContactNotVerifiedError,
  HoldNotFoundError,
  VelocityLimitError,
  ContentionError,
  ServiceBusyError,
  ForbiddenError,
  RegistryEntryNotFoundError,
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  InsufficientFundsError,
  LimitExceededError,
  SameAccountError,
  UnknownIdentityError,
  ValidationFailedError,
  type FieldIssue,
  INVALID_CURSOR_ISSUE,
} from '../domain/errors';

/** RFC 9457 problem details with this API's stable `code`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldIssue[];
}

/** HTTP-level failures raised while reading a request, before any domain code runs. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

interface ProblemKind {
  readonly status: number;
  readonly code: string;
  readonly title: string;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** The one table from error classes to HTTP problems. Order matters only for subclasses. */
const PROBLEMS: readonly (readonly [ErrorClass, ProblemKind])[] = [
  [ValidationFailedError, { status: 400, code: 'VALIDATION_FAILED', title: 'The request is not valid' }],
  [InvalidAmountError, { status: 400, code: 'VALIDATION_FAILED', title: 'The request is not valid' }],
  [InvalidCursorError, { status: 400, code: 'VALIDATION_FAILED', title: 'The request is not valid' }],
  [InvalidHistoryCursorError, { status: 400, code: 'VALIDATION_FAILED', title: 'The request is not valid' }],
  [UnknownIdentityError, { status: 401, code: 'UNAUTHENTICATED', title: 'Unauthenticated' }],
  [ForbiddenError, { status: 403, code: 'FORBIDDEN', title: 'Forbidden' }],
  [AccountNotFoundError, { status: 404, code: 'ACCOUNT_NOT_FOUND', title: 'Account not found' }],
  [RegistryEntryNotFoundError, { status: 404, code: 'SUBSCRIPTION_NOT_FOUND', title: 'Subscription not found' }],
  [HoldNotFoundError, { status: 404, code: 'HOLD_NOT_FOUND', title: 'Hold not found' }],
  [HoldDecisionError, { status: 409, code: 'HOLD_ALREADY_DECIDED', title: 'Hold already decided' }],
  [AccountFrozenError, { status: 422, code: 'ACCOUNT_FROZEN', title: 'Account frozen' }],
  [AccountClosedError, { status: 422, code: 'ACCOUNT_CLOSED', title: 'Account closed' }],
  [VelocityLimitError, { status: 422, code: 'VELOCITY_LIMIT', title: 'Too many debits' }],
  [BalanceNotZeroError, { status: 422, code: 'BALANCE_NOT_ZERO', title: 'Balance not zero' }],
  [AccountExistsError, { status: 409, code: 'ACCOUNT_EXISTS', title: 'Account already exists' }],
  [InsufficientFundsError, { status: 422, code: 'INSUFFICIENT_FUNDS', title: 'Insufficient funds' }],
  [LimitExceededError, { status: 422, code: 'LIMIT_EXCEEDED', title: 'Limit exceeded' }],
  [SameAccountError, { status: 422, code: 'SAME_ACCOUNT', title: 'Same account' }],
  [ContactNotVerifiedError, { status: 422, code: 'CONTACT_NOT_VERIFIED', title: 'Contact not verified' }],
  [IdempotencyInProgressError, { status: 409, code: 'IDEMPOTENCY_IN_PROGRESS', title: 'Request in progress' }],
  [IdempotencyKeyReusedError, { status: 422, code: 'IDEMPOTENCY_KEY_REUSED', title: 'Idempotency key reused' }],
  [ContentionError, { status: 409, code: 'ACCOUNT_BUSY', title: 'Account busy' }],
  [ServiceBusyError, { status: 503, code: 'SERVICE_UNAVAILABLE', title: 'Service busy' }],
];

const INTERNAL: ProblemKind = { status: 500, code: 'INTERNAL_ERROR', title: 'Internal error' };

/** A problem's detail quotes at most this much (a path or a name can be client input of any length). */
const MAX_DETAIL = 300;
const bounded = (text: string): string => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text);

export const problemType = (code: string) => `urn:bank:problem:${code.toLowerCase().replaceAll('_', '-')}`;

/** The field issues a 400 lists: a validation's own, the amount's, or the cursor a list did not hand out. */
function issuesOf(err: Error): readonly FieldIssue[] | undefined {
  if (err instanceof ValidationFailedError) return err.errors;
  if (err instanceof InvalidAmountError) return [{ path: '/amount', message: err.message }];
  if (err instanceof InvalidCursorError || err instanceof InvalidHistoryCursorError) return [INVALID_CURSOR_ISSUE];
  return undefined;
}

/** Maps any thrown value to a problem; unknown errors become a 500 that reveals nothing. */
export function toProblem(err: unknown): { problem: Problem; headers: Readonly<Record<string, string>>; known: boolean } {
  if (err instanceof HttpError) {
    return {
      problem: { type: problemType(err.code), title: err.code.replaceAll('_', ' ').toLowerCase(), status: err.status, detail: bounded(err.message), code: err.code },
      headers: err.headers,
      known: true,
    };
  }
  const match = PROBLEMS.find(([cls]) => err instanceof cls);
  if (!match || !(err instanceof Error)) {
    return {
      problem: { type: problemType(INTERNAL.code), title: INTERNAL.title, status: 500, detail: 'The request could not be completed.', code: INTERNAL.code },
      headers: {},
      known: false,
    };
  }
  const [, kind] = match;
  const errors = issuesOf(err);
  return {
    problem: { type: problemType(kind.code), title: kind.title, status: kind.status, detail: bounded(err.message), code: kind.code, ...(errors ? { errors } : {}) },
    headers: err instanceof ContentionError || err instanceof ServiceBusyError ? { 'Retry-After': '1' } : err instanceof UnknownIdentityError ? { 'WWW-Authenticate': 'Bearer' } : {},
    known: true,
  };
}
