/**
 * The ports of the detection core. DynamoDB adapters live in src/adapters (`@bank/risk-service/dynamodb`),
 * in-memory fakes in src/testing. Nothing here imports an AWS SDK.
 */
import type { RiskCase, RiskCaseSummary, FreezeResult } from './risk-case';
import type { WindowEntry } from './window-entry';

export interface WindowStore {
  /** Stores the entry under its event id (storing it again changes nothing); kept until `expiresAt` (epoch ms). */
  record(entry: WindowEntry, expiresAt: number): Promise<void>;
  /** The account's entries with `from ≤ at ≤ to` (epoch ms), read consistently. */
  between(accountId: string, from: number, to: number): Promise<WindowEntry[]>;
}

export interface CaseStore {
  /** Writes the case (and its listing entry) unless a case with its id exists: `exists` then. */
  open(riskCase: RiskCase): Promise<'opened' | 'exists'>;
  get(accountId: string, caseId: string): Promise<RiskCase | undefined>;
  /** The account's cases whose trigger happened with `from ≤ at ≤ to` (epoch ms). */
  triggeredBetween(accountId: string, from: number, to: number): Promise<RiskCase[]>;
  /**
   * Records that the case's action was carried out. A recorded `frozen` is kept: two runs racing
   * on one case both freeze, one changes the account and the other finds it already frozen.
   */
  recordAction(riskCase: RiskCase, result: { readonly at: Date; readonly result: FreezeResult }): Promise<void>;
}

export interface CaseListQuery {
  /** Only this account's cases; all accounts when absent. */
  readonly accountId?: string;
  /** 1–100, default 50. */
  readonly limit?: number;
  /** From a previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface CaseListPage {
  /** Newest first (by `openedAt`). */
  readonly items: readonly RiskCaseSummary[];
  readonly nextCursor?: string;
}

/** The read side for `GET /risk/cases?accountId=`. */
export interface RiskCaseQueries {
  list(query: CaseListQuery): Promise<CaseListPage>;
}

/**
 * Freezes an account the way an operator's `POST /accounts/{id}/freeze` does (the same core
 * command, so the AccountFrozen event and the notifications follow). Idempotent: freezing a
 * frozen account answers `already-frozen`.
 */
export interface AccountFreezer {
  freeze(accountId: string, reason: string, actor: string): Promise<FreezeResult>;
}

/** The narrow logger of the service (the Powertools Logger satisfies it). Ids and codes only. */
export type { NotifierLogger as RiskLogger } from '@bank/notifier-runtime';
