import type { ValidationIssue } from '@bank/schemas';

/** Base error of @bank/risk-policy. */
export class RiskPolicyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RiskPolicyError';
  }
}

/** A policy (from the API or from storage) does not match the schema. Issues name paths, never values. */
export class InvalidRiskPolicyError extends RiskPolicyError {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    super(`invalid risk policy: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`, options);
    this.name = 'InvalidRiskPolicyError';
    this.issues = issues;
  }
}

/** The stored policy changed since it was read (optimistic concurrency on `version`). */
export class PolicyVersionConflictError extends RiskPolicyError {
  readonly expectedVersion: number;

  constructor(expectedVersion: number, options?: { cause?: unknown }) {
    super(`the risk policy is no longer at version ${expectedVersion}`, options);
    this.name = 'PolicyVersionConflictError';
    this.expectedVersion = expectedVersion;
  }
}

/** A hold cannot take this decision; the HTTP layer answers 409. */
export class HoldDecisionError extends RiskPolicyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HoldDecisionError';
  }
}

/** The hold was decided already: a hold is decided once. */
export class HoldAlreadyDecidedError extends HoldDecisionError {
  readonly status: string;

  constructor(status: string) {
    super(`the hold was already decided (${status})`);
    this.name = 'HoldAlreadyDecidedError';
    this.status = status;
  }
}

/** An operator decision came after the hold's expiry time; the expiry sweep declines it. */
export class HoldExpiredError extends HoldDecisionError {
  constructor(expiresAt: string) {
    super(`the hold expired at ${expiresAt}`);
    this.name = 'HoldExpiredError';
  }
}

/** The expiry sweep tried to expire a hold before its expiry time. */
export class HoldNotDueError extends HoldDecisionError {
  constructor(expiresAt: string) {
    super(`the hold does not expire before ${expiresAt}`);
    this.name = 'HoldNotDueError';
  }
}
