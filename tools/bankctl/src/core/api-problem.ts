import { ApiProblemError, type ApiFieldIssue } from '../errors';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** A problem's words on one line, at most `max` characters (a detail may quote client input). */
function oneLine(value: string, max = 300): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function fieldIssues(value: unknown): ApiFieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((issue) => (isRecord(issue) && typeof issue.message === 'string' ? [{ path: text(issue.path) ?? '/', message: issue.message }] : []));
}

const OPERATOR_TOKEN = "needs an operator's access token";

/** What an operator should read for each status, before the API's own words. */
function explanation(status: number, detail: string, issues: readonly ApiFieldIssue[]): string {
  if (status === 401) return `${OPERATOR_TOKEN} (the token is missing, expired or not an access token): ${detail}`;
  if (status === 403) return `${OPERATOR_TOKEN} (this user is not in the operators group): ${detail}`;
  if (status === 404) return `not found: ${detail}`;
  if (status === 409) return `already decided: ${detail}`;
  if (status === 400 && issues.length > 0) return `invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
  if (status === 400) return `invalid request: ${detail}`;
  return detail;
}

/**
 * The one-line error for a non-2xx answer of the API: `<operation> failed (<status> <CODE>): …`,
 * with what the status means for an operator and the problem document's detail or field errors.
 *
 * @example
 * throw problemError('approve hold 01J…', 409, { code: 'HOLD_ALREADY_DECIDED', detail: 'Hold 01J… was approved.' });
 * // approve hold 01J… failed (409 HOLD_ALREADY_DECIDED): already decided: Hold 01J… was approved.
 */
export function problemError(operation: string, status: number, body: unknown): ApiProblemError {
  const problem = isRecord(body) ? body : {};
  const code = text(problem.code) ?? `HTTP_${status}`;
  const detail = text(problem.detail) ?? text(problem.title) ?? (isRecord(body) ? 'no detail given' : 'the answer is not a problem document');
  return new ApiProblemError(oneLine(`${operation} failed (${status} ${code}): ${explanation(status, detail, fieldIssues(problem.errors))}`), status, code);
}
