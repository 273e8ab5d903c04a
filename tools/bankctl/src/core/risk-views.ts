import type { ApiDocument } from '../ports';
import { renderTable } from './table';

/** The statuses `GET /holds?status=` takes (DESIGN §10). */
export const HOLD_STATUSES = ['PENDING', 'APPROVED', 'DECLINED', 'EXPIRED'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field as table text: '-' when absent. */
function cell(doc: ApiDocument, key: string): string {
  const value = doc[key];
  if (value === undefined || value === null || value === '') return '-';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Amounts are major units on the API (JSON numbers); shown with cents and the currency when given. */
export function formatAmount(doc: ApiDocument, key = 'amount'): string {
  const value = doc[key];
  if (typeof value !== 'number') return cell(doc, key);
  const currency = typeof doc.currency === 'string' ? ` ${doc.currency}` : '';
  return `${value.toFixed(2)}${currency}`;
}

/** The policy document as `field value` lines (`newAccount.days  7`), in the document's order. */
export function renderPolicy(policy: ApiDocument): string {
  const rows: string[][] = [];
  const walk = (value: Readonly<Record<string, unknown>>, prefix: string): void => {
    for (const [key, inner] of Object.entries(value)) {
      if (isRecord(inner)) walk(inner, `${prefix}${key}.`);
      else rows.push([`${prefix}${key}`, String(inner)]);
    }
  };
  walk(policy, '');
  return renderTable(['FIELD', 'VALUE'], rows);
}

export function renderHolds(holds: readonly ApiDocument[]): string {
  return renderTable(
    ['HOLD', 'ACCOUNT', 'TYPE', 'AMOUNT', 'STATUS', 'CREATED', 'DECIDED'],
    holds.map((h) => [cell(h, 'holdId'), cell(h, 'accountId'), cell(h, 'type'), formatAmount(h), cell(h, 'status'), cell(h, 'createdAt'), cell(h, 'decidedAt')]),
  );
}

export function renderCases(cases: readonly ApiDocument[]): string {
  return renderTable(
    ['CASE', 'ACCOUNT', 'PATTERN', 'OPENED', 'STATUS'],
    cases.map((c) => [cell(c, 'caseId'), cell(c, 'accountId'), cell(c, 'pattern'), cell(c, 'openedAt'), cell(c, 'status')]),
  );
}

/** `hold 01J… APPROVED (account 123456789, 12000.00 USD)` from a hold the API answered. */
export function describeHold(hold: ApiDocument, fallbackId: string): string {
  const id = typeof hold.holdId === 'string' ? hold.holdId : fallbackId;
  return `hold ${id} ${cell(hold, 'status')} (account ${cell(hold, 'accountId')}, ${formatAmount(hold)})`;
}

/** `account 123456789 FROZEN` from an account the API answered. */
export function describeAccount(account: ApiDocument, fallbackId: string): string {
  const id = typeof account.accountId === 'string' ? account.accountId : fallbackId;
  return `account ${id} ${cell(account, 'status')}`;
}
