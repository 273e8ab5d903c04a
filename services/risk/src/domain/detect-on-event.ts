/**
 * The detection core: one money event in, cases out. Stores the event in its account's window,
 * looks at the window around it (never at arrival order), opens a case per new episode and
 * carries out the policy's action. Safe to run again for the same event: the entry, the case id
 * and the action are all idempotent.
 */
import { MAX_PATTERN_WINDOW_MINUTES, type RiskPolicySource } from '@bank/risk-policy';
import type { MoneyEvent } from '@bank/schemas';
import { detectFanOut } from './fan-out';
import { detectPassThrough } from './pass-through';
import { MINUTE_MS, type PatternMatch } from './pattern-match';
import type { AccountFreezer, CaseStore, RiskLogger, WindowStore } from './ports';
import { caseFromMatch, overlapsCase, owesFreeze, type RiskCase } from './risk-case';
import { entryFromEvent } from './window-entry';

/** Entries outlive the longest window a policy may set twice over, counted from when they were stored. */
export const WINDOW_RETENTION_MS = 2 * MAX_PATTERN_WINDOW_MINUTES * MINUTE_MS;

/** Who a risk freeze is attributed to in the account's history. */
export const RISK_ACTOR = 'risk-service';

export interface DetectionPorts {
  readonly policies: RiskPolicySource;
  readonly windows: WindowStore;
  readonly cases: CaseStore;
  readonly freezer: AccountFreezer;
  readonly now: () => Date;
  readonly logger: RiskLogger;
}

export interface DetectionOutcome {
  /** Cases this run opened. */
  readonly opened: readonly RiskCase[];
  /** Cases whose freeze this run carried out (opened now, or left owing by an earlier failed run). */
  readonly frozen: readonly RiskCase[];
}

export const freezeReason = (riskCase: RiskCase): string => `risk case ${riskCase.caseId} (${riskCase.pattern})`;

/**
 * @example
 * const outcome = await detectOnEvent(event, { policies, windows, cases, freezer, now: () => new Date(), logger });
 * outcome.opened.forEach((c) => metrics.caseOpened(c));
 */
export async function detectOnEvent(event: MoneyEvent, ports: DetectionPorts): Promise<DetectionOutcome> {
  const entry = entryFromEvent(event);
  const storedAt = ports.now();
  await ports.windows.record(entry, Math.max(entry.at, storedAt.getTime()) + WINDOW_RETENTION_MS);

  const { policy } = await ports.policies.current();
  const { passThrough, fanOut } = policy.patterns;
  const reach = Math.max(passThrough.withinMinutes, fanOut.withinMinutes) * MINUTE_MS;
  const window = await ports.windows.between(entry.accountId, entry.at - reach, entry.at + reach);
  const matches: PatternMatch[] = [...detectPassThrough([...window, entry], passThrough), ...detectFanOut([...window, entry], fanOut)];
  if (matches.length === 0) return { opened: [], frozen: [] };

  const openedAt = ports.now();
  const candidates = matches.map((match) => caseFromMatch(match, { mode: policy.mode, action: policy.patterns.action }, openedAt)).sort((a, b) => a.windowStart.localeCompare(b.windowStart));
  // Any case that could overlap a candidate: its trigger is at most one (longest possible) window before the earliest candidate.
  const earliest = Math.min(...candidates.map((candidate) => Date.parse(candidate.windowStart)));
  const latest = Math.max(...candidates.map((candidate) => Date.parse(candidate.windowEnd)));
  const known = await ports.cases.triggeredBetween(entry.accountId, earliest - MAX_PATTERN_WINDOW_MINUTES * MINUTE_MS, latest);

  const opened: RiskCase[] = [];
  const owing: RiskCase[] = [];
  for (const candidate of candidates) {
    const same = known.find((existing) => existing.caseId === candidate.caseId);
    if (same) {
      if (owesFreeze(same) && !owing.includes(same)) owing.push(same);
      continue;
    }
    if (known.some((existing) => overlapsCase(existing, candidate))) continue;
    const result = await ports.cases.open(candidate);
    const current = result === 'opened' ? candidate : await ports.cases.get(candidate.accountId, candidate.caseId);
    if (!current) continue;
    if (result === 'opened') {
      opened.push(candidate);
      ports.logger.info('risk case opened', { caseId: candidate.caseId, accountId: candidate.accountId, pattern: candidate.pattern, mode: candidate.mode, action: candidate.action });
    }
    known.push(current);
    if (owesFreeze(current)) owing.push(current);
  }

  const frozen: RiskCase[] = [];
  for (const riskCase of owing) {
    const result = await ports.freezer.freeze(riskCase.accountId, freezeReason(riskCase), RISK_ACTOR);
    await ports.cases.recordAction(riskCase, { at: ports.now(), result });
    ports.logger.info('risk case action carried out', { caseId: riskCase.caseId, accountId: riskCase.accountId, action: riskCase.action, result });
    if (result === 'frozen') frozen.push(riskCase);
  }
  return { opened, frozen };
}
