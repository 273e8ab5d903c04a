import type { StoredAnswer } from './model';
/** Base error of the account service; the HTTP layer maps each subclass to a problem+json code. */
export class AccountServiceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AccountServiceError';
  }
}

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** What every list answers for a cursor it did not hand out. */
export const INVALID_CURSOR_ISSUE: FieldIssue = { path: '/cursor', message: 'is not a cursor returned by this API' };

export class ValidationFailedError extends AccountServiceError {
  readonly errors: readonly FieldIssue[];
  constructor(message: string, errors: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'ValidationFailedError';
    this.errors = errors;
  }
}

export class AccountNotFoundError extends AccountServiceError {
  readonly accountId: string;
  constructor(accountId: string) {
    super(`Account ${accountId} does not exist.`);
    this.name = 'AccountNotFoundError';
    this.accountId = accountId;
  }
}

/** An authenticated caller without the role or ownership an action needs. */
export class ForbiddenError extends AccountServiceError {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The caller's identity could not be found at the identity provider (deleted since the token was issued). */
export class UnknownIdentityError extends AccountServiceError {
  constructor() {
    super('Your identity is not known; sign in again.');
    this.name = 'UnknownIdentityError';
  }
}

/** A channel was turned on while the contact it needs is missing or not verified. */
export class ContactNotVerifiedError extends AccountServiceError {
  readonly channel: string;
  constructor(channel: string) {
    super(`The ${channel} channel needs a verified contact; verify it with your identity provider first.`);
    this.name = 'ContactNotVerifiedError';
    this.channel = channel;
  }
}

/** No registry entry with that id among the caller's (someone else's reads the same). */
export class RegistryEntryNotFoundError extends AccountServiceError {
  constructor() {
    super('No such entry among yours.');
    this.name = 'RegistryEntryNotFoundError';
  }
}

/** A frozen account refuses debits (withdrawals and outgoing transfers); credits still arrive. */
export class AccountFrozenError extends AccountServiceError {
  constructor() {
    super('The account is frozen: withdrawals and outgoing transfers are refused until an operator unfreezes it.');
    this.name = 'AccountFrozenError';
  }
}

/** A closed account refuses every movement and stays readable. */
export class AccountClosedError extends AccountServiceError {
  constructor() {
    super('The account is closed.');
    this.name = 'AccountClosedError';
  }
}

/** More debits than the policy allows in its rolling window. */
export class VelocityLimitError extends AccountServiceError {
  constructor() {
    super('Too many withdrawals and transfers from this account in a short time; try again later.');
    this.name = 'VelocityLimitError';
  }
}

/** Closing needs a zero balance and no pending hold. */
export class BalanceNotZeroError extends AccountServiceError {
  constructor() {
    super('The account can be closed only with a zero balance and no pending review hold.');
    this.name = 'BalanceNotZeroError';
  }
}

export class HoldNotFoundError extends AccountServiceError {
  constructor(holdId: string) {
    super(`Hold ${holdId} does not exist.`);
    this.name = 'HoldNotFoundError';
  }
}

export class AccountExistsError extends AccountServiceError {
  constructor(accountId: string) {
    super(`Account ${accountId} already exists.`);
    this.name = 'AccountExistsError';
  }
}

export class InsufficientFundsError extends AccountServiceError {
  constructor() {
    super('The account balance is lower than the amount.');
    this.name = 'InsufficientFundsError';
  }
}

export class LimitExceededError extends AccountServiceError {
  constructor(message: string) {
    super(message);
    this.name = 'LimitExceededError';
  }
}

export class SameAccountError extends AccountServiceError {
  constructor() {
    super('A transfer needs two different accounts.');
    this.name = 'SameAccountError';
  }
}

/** A key record without an answer: written by an earlier release that locked keys while it ran. */
export class IdempotencyInProgressError extends AccountServiceError {
  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry later.');
    this.name = 'IdempotencyInProgressError';
  }
}

/**
 * The command's Idempotency-Key already has an answer (found by the command's own read, or by
 * its write losing the race to store one): the caller replays it, or refuses another request.
 */
export class AlreadyAnsweredError extends AccountServiceError {
  constructor(readonly answer: StoredAnswer) {
    super('This Idempotency-Key was already answered.');
    this.name = 'AlreadyAnsweredError';
  }
}

export class IdempotencyKeyReusedError extends AccountServiceError {
  constructor() {
    super('This Idempotency-Key was already used with a different request.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Contention did not settle within the retry budget; safe to retry (nothing was written). */
export class ContentionError extends AccountServiceError {
  constructor(message = 'The account is busy; retry the request.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContentionError';
  }
}

/** The store refused for capacity (throttled past the client's retries): nothing was written; retry later. */
export class ServiceBusyError extends AccountServiceError {
  constructor(options?: { cause?: unknown }) {
    super('The service is busy; retry the request.', options);
    this.name = 'ServiceBusyError';
  }
}

/** Raised by a store when a write lost an optimistic-concurrency race; the core retries. */
export class VersionConflictError extends AccountServiceError {
  constructor(options?: { cause?: unknown }) {
    super('The account changed while the command ran.', options);
    this.name = 'VersionConflictError';
  }
}

