import { clampListLimit, decodeCaseCursor, pageOfCases } from '../case-items';
import type { CaseListPage, CaseListQuery, CaseStore, RiskCaseQueries } from '../domain/ports';
import { summaryOf, type FreezeResult, type RiskCase } from '../domain/risk-case';

/** A CaseStore and RiskCaseQueries in memory, with the adapter's semantics (write-once ids, newest first). */
export class InMemoryCaseStore implements CaseStore, RiskCaseQueries {
  readonly cases = new Map<string, RiskCase>();

  async open(riskCase: RiskCase): Promise<'opened' | 'exists'> {
    if (this.cases.has(riskCase.caseId)) return 'exists';
    this.cases.set(riskCase.caseId, riskCase);
    return 'opened';
  }

  async get(accountId: string, caseId: string): Promise<RiskCase | undefined> {
    const found = this.cases.get(caseId);
    return found?.accountId === accountId ? found : undefined;
  }

  async triggeredBetween(accountId: string, from: number, to: number): Promise<RiskCase[]> {
    return [...this.cases.values()].filter((c) => c.accountId === accountId && Date.parse(c.windowStart) >= from && Date.parse(c.windowStart) <= to);
  }

  async recordAction(riskCase: RiskCase, result: { readonly at: Date; readonly result: FreezeResult }): Promise<void> {
    const stored = this.cases.get(riskCase.caseId);
    if (stored && stored.actionResult !== 'frozen') this.cases.set(riskCase.caseId, { ...stored, actionTakenAt: result.at.toISOString(), actionResult: result.result });
  }

  async list(query: CaseListQuery): Promise<CaseListPage> {
    const summaries = [...this.cases.values()].filter((c) => query.accountId === undefined || c.accountId === query.accountId).map(summaryOf);
    return pageOfCases(summaries, query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor), clampListLimit(query.limit));
  }
}
