import type { ValidationIssue } from './validation-issues';

/** Base error of @bank/schemas. */
export class SchemaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SchemaError';
  }
}

/** An event does not match its schema. Messages carry paths and rules, never the offending values. */
export class EventValidationError extends SchemaError {
  readonly errors: ValidationIssue[];

  constructor(errors: ValidationIssue[], options?: { cause?: unknown }) {
    const summary = errors.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    super(`invalid event: ${summary}`, options);
    this.name = 'EventValidationError';
    this.errors = errors;
  }
}
