/**
 * Item layout of risk cases in the accounts table (`CheckingAccountTransactions`), so the outbox
 * relay publishes `RiskCaseOpened` from the stream like every other event. Pure: the DynamoDB
 * adapter and the relay both use it, and neither needs the other.
 *
 * - Case: `AccountID="RISK#CASES#<accountId>"`, `TransactionID="CASE#<caseId>"`, `recordType:"RISK_CASE"`,
 *   the RiskCase fields (`evidence` in minor units, no PII).
 * - Listing entry: `AccountID="RISK#CASES"`, `TransactionID="OPENED#<openedAt>#<caseId>"`,
 *   `recordType:"RISK_CASE_INDEX"`, the summary fields: the list of every account's cases, newest first.
 */
import type { RiskCaseOpenedData } from '@bank/schemas';
import type { RiskPattern } from './domain/pattern-match';
import { InvalidCursorError } from './domain/errors';
import type { CaseListPage } from './domain/ports';
import type { CaseEvidence, FreezeResult, RiskCase, RiskCaseSummary } from './domain/risk-case';

export const RISK_CASE_RECORD_TYPE = 'RISK_CASE';
export const RISK_CASE_INDEX_RECORD_TYPE = 'RISK_CASE_INDEX';
/** Partition of the listing entries of all cases. */
export const RISK_CASES_PARTITION = 'RISK#CASES';

export const casePartition = (accountId: string): string => `${RISK_CASES_PARTITION}#${accountId}`;
export const caseKey = (accountId: string, caseId: string) => ({ AccountID: casePartition(accountId), TransactionID: `CASE#${caseId}` });
export const caseIndexKey = (summary: Pick<RiskCaseSummary, 'openedAt' | 'caseId'>) => ({ AccountID: RISK_CASES_PARTITION, TransactionID: `OPENED#${summary.openedAt}#${summary.caseId}` });

export function caseToItem(riskCase: RiskCase): Record<string, unknown> {
  return { ...caseKey(riskCase.accountId, riskCase.caseId), recordType: RISK_CASE_RECORD_TYPE, ...riskCase };
}

export function caseIndexItem(riskCase: RiskCase): Record<string, unknown> {
  const { caseId, accountId, pattern, openedAt, status } = riskCase;
  return { ...caseIndexKey(riskCase), recordType: RISK_CASE_INDEX_RECORD_TYPE, caseId, accountId, pattern, openedAt, status };
}

const PATTERNS: readonly string[] = ['pass-through', 'fan-out'] satisfies RiskPattern[];

function text(item: Readonly<Record<string, unknown>>, name: string): string {
  const value = item[name];
  if (typeof value !== 'string') throw new TypeError(`risk case item attribute ${name} is not a string`);
  return value;
}

/** The listed fields of a case or listing item; TypeError when the item is not one. */
export function summaryFromItem(item: Readonly<Record<string, unknown>>): RiskCaseSummary {
  const pattern = text(item, 'pattern');
  if (!PATTERNS.includes(pattern)) throw new TypeError('risk case item has an unknown pattern');
  if (text(item, 'status') !== 'OPEN') throw new TypeError('risk case item has an unknown status');
  return { caseId: text(item, 'caseId'), accountId: text(item, 'accountId'), pattern: pattern as RiskPattern, openedAt: text(item, 'openedAt'), status: 'OPEN' };
}

export function caseFromItem(item: Readonly<Record<string, unknown>>): RiskCase {
  const summary = summaryFromItem(item);
  const mode = text(item, 'mode');
  const action = text(item, 'action');
  if (mode !== 'enforce' && mode !== 'shadow') throw new TypeError('risk case item has an unknown mode');
  if (action !== 'flag' && action !== 'freeze') throw new TypeError('risk case item has an unknown action');
  const evidence = item.evidence;
  if (typeof evidence !== 'object' || evidence === null) throw new TypeError('risk case item has no evidence');
  const actionTakenAt = item.actionTakenAt;
  const actionResult = item.actionResult;
  return {
    ...summary,
    mode,
    action,
    windowStart: text(item, 'windowStart'),
    windowEnd: text(item, 'windowEnd'),
    evidence: evidence as CaseEvidence,
    ...(typeof actionTakenAt === 'string' ? { actionTakenAt } : {}),
    ...(typeof actionResult === 'string' ? { actionResult: actionResult as FreezeResult } : {}),
  };
}

/** The CloudEvents id of a case's RiskCaseOpened (deterministic: a re-published event dedupes). */
export const riskCaseEventId = (caseId: string): string => `risk-case-${caseId}`;

/**
 * For the outbox relay: the `data` of RiskCaseOpened for a stream INSERT of a case item, or
 * undefined for any other item (listing entries included). Time: `openedAt`; subject: `accountId`.
 *
 * @example
 * const data = riskCaseOpenedData(newImage);
 * if (data) return { ...envelope(riskCaseEventId(data.caseId), 'RiskCaseOpened', data.openedAt, data.accountId), data };
 */
export function riskCaseOpenedData(item: Readonly<Record<string, unknown>>): RiskCaseOpenedData | undefined {
  if (item.recordType !== RISK_CASE_RECORD_TYPE) return undefined;
  const riskCase = caseFromItem(item);
  return { caseId: riskCase.caseId, accountId: riskCase.accountId, pattern: riskCase.pattern, openedAt: riskCase.openedAt, mode: riskCase.mode, action: riskCase.action };
}

/** Where a listing page ended: the last case it returned. */
export type CasePosition = Pick<RiskCaseSummary, 'openedAt' | 'caseId'>;

const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 100;
const CASE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A page size from 1 to 100 (default 50). */
export const clampListLimit = (limit: number | undefined): number => Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(limit ?? DEFAULT_LIST_LIMIT)));

/** Newest first: by openedAt, then caseId, both descending. */
export const newestFirst = (a: CasePosition, b: CasePosition): number => b.openedAt.localeCompare(a.openedAt) || b.caseId.localeCompare(a.caseId);

/** The opaque `nextCursor` of a listing page. */
export const encodeCaseCursor = (last: CasePosition): string => Buffer.from(JSON.stringify({ o: last.openedAt, c: last.caseId }), 'utf8').toString('base64url');

/** Reads a cursor made by encodeCaseCursor; InvalidCursorError (HTTP 400) for anything else. */
export function decodeCaseCursor(cursor: string): CasePosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed && 'c' in parsed) {
      const { o, c } = parsed;
      if (typeof o === 'string' && typeof c === 'string' && ISO_TIME.test(o) && CASE_ID.test(c)) return { openedAt: o, caseId: c };
    }
  } catch {
    // reported below
  }
  throw new InvalidCursorError();
}

/** One page of `summaries` (any order) newest first, after the cursor position. */
export function pageOfCases(summaries: readonly RiskCaseSummary[], after: CasePosition | undefined, limit: number): CaseListPage {
  const rest = [...summaries].sort(newestFirst).filter((summary) => after === undefined || newestFirst(after, summary) < 0);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return { items: page, ...(last && rest.length > limit ? { nextCursor: encodeCaseCursor(last) } : {}) };
}
