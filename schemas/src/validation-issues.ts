/**
 * Turns ajv errors into `{ path, message }` issues for problem+json responses and logs.
 * Paths are JSON pointers to the offending value (`/owner/email`, `/` for the root); for a missing
 * or unknown property they point at that property. Messages never include the input value (PII).
 */
import type { ErrorObject } from 'ajv/dist/2020';

export type ValidationIssue = { path: string; message: string };

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

const ACCOUNT_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** Human wording for the patterns the schemas use; anything else gets a generic message. */
const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  [ACCOUNT_ID_PATTERN]: "must be 1 to 64 letters, digits, '_' or '-'",
  '^\\+[1-9][0-9]{6,14}$': 'must be an E.164 phone number such as +15551234567',
  '^[A-Z]{3}$': 'must be a 3-letter ISO 4217 currency code',
};

const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  email: 'must be a valid email address',
  'date-time': 'must be an RFC 3339 date-time',
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'null',
};

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
/** The JSON pointer of `property` under `parent`. */
export const childPath = (parent: string, property: string): string => `${parent}/${escapePointer(property)}`;
const rootIfEmpty = (path: string): string => (path === '' ? '/' : path);

const param = (error: ErrorObject, name: string): unknown => (error.params as Record<string, unknown>)[name];

function describeType(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((name) => TYPE_NAMES[String(name)] ?? String(name)).join(' or ');
}

function minLengthMessage(limit: unknown): string {
  return limit === 1 ? 'must not be empty' : `must be at least ${String(limit)} characters`;
}

/** Message for an error about the value itself (not about a property name). */
function messageFor(error: ErrorObject): string {
  const limit = param(error, 'limit');
  switch (error.keyword) {
    case 'type':
      return `must be ${describeType(param(error, 'type'))}`;
    case 'format':
      return FORMAT_MESSAGES[String(param(error, 'format'))] ?? `must be a valid ${String(param(error, 'format'))}`;
    case 'pattern':
      return PATTERN_MESSAGES[String(param(error, 'pattern'))] ?? 'has an invalid format';
    case 'exclusiveMinimum':
      return `must be greater than ${String(limit)}`;
    case 'minimum':
      return `must be at least ${String(limit)}`;
    case 'exclusiveMaximum':
      return `must be less than ${String(limit)}`;
    case 'maximum':
      return `must be at most ${String(limit)}`;
    case 'minLength':
      return minLengthMessage(limit);
    case 'maxLength':
      return `must be at most ${String(limit)} characters`;
    case 'enum': {
      const allowed = param(error, 'allowedValues');
      return `must be one of: ${Array.isArray(allowed) ? allowed.map(String).join(', ') : ''}`;
    }
    case 'minProperties':
      return limit === 1 ? 'must not be empty' : `must have at least ${String(limit)} properties`;
    case 'maxProperties':
      return `must have at most ${String(limit)} properties`;
    case 'const':
      return `must be ${JSON.stringify(param(error, 'allowedValue'))}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

/** Message for a property name rejected by `propertyNames` (the schemaPath says which rule). */
function propertyNameMessage(error: ErrorObject): string {
  if (error.schemaPath.includes('/propertyNames/not')) return 'is not allowed: events carry no personal data';
  if (error.keyword === 'pattern') return 'is not a valid attribute name (lowercase letters and digits)';
  return 'is not an allowed property name';
}

function toIssue(error: ErrorObject): ValidationIssue | undefined {
  if (error.keyword === 'propertyNames') return undefined; // reported by its inner error, which names the property
  if (error.propertyName !== undefined) {
    return { path: childPath(error.instancePath, error.propertyName), message: propertyNameMessage(error) };
  }
  if (error.keyword === 'required') {
    return { path: childPath(error.instancePath, String(param(error, 'missingProperty'))), message: 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    const property = String(param(error, 'additionalProperty'));
    return { path: childPath(error.instancePath, property), message: `unknown property '${property}'` };
  }
  return { path: rootIfEmpty(error.instancePath), message: messageFor(error) };
}

/** At most this many issues per document: an error response stays small whatever the input. */
export const MAX_ISSUES = 20;
/** Paths and messages are cut here (a property name is client input and can be any length). */
const MAX_TEXT = 200;

const bounded = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

export function toValidationIssues(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors ?? []) {
    if (issues.length >= MAX_ISSUES) break;
    const raw = toIssue(error);
    const issue = raw && { path: bounded(raw.path), message: bounded(raw.message) };
    if (!issue) continue;
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/** A validator compiled at build time (src/codegen/standalone.ts): a type guard that sets `errors` when it fails. */
export type CompiledValidator<T> = ((input: unknown) => input is T) & { errors?: ErrorObject[] | null };

/** Runs a compiled validator and wraps the outcome. */
export function runValidator<T>(validate: CompiledValidator<T>, input: unknown): ValidationResult<T> {
  if (validate(input)) return { ok: true, value: input };
  return { ok: false, errors: toValidationIssues(validate.errors) };
}

export function invalid(path: string, message: string): { ok: false; errors: ValidationIssue[] } {
  return { ok: false, errors: [{ path, message }] };
}
