/**
 * A risk case: what the detector found, on which account, and what the policy did about it.
 * Evidence is ids, times and amounts in minor units; never a name, an email or a phone.
 */
import { createHash } from 'node:crypto';
import type { PatternAction, RiskMode } from '@bank/risk-policy';
import type { PatternMatch, RiskPattern } from './pattern-match';
import type { WindowEntry } from './window-entry';

/** What the freezer did: `not-applicable` when the account is closed or unknown. */
export type FreezeResult = 'frozen' | 'already-frozen' | 'not-applicable';

export interface EvidenceEvent {
  readonly eventId: string;
  readonly eventType: WindowEntry['eventType'];
  /** Minor units. */
  readonly amount: number;
  /** ISO timestamp of the money movement. */
  readonly at: string;
  readonly counterpartyAccountId?: string;
}

export interface CaseEvidence {
  /** The deposit of a pass-through, the first transfer of a fan-out. */
  readonly trigger: EvidenceEvent;
  /** The money that left, oldest first, at most MAX_EVIDENCE_EVENTS of it. */
  readonly outgoing: readonly EvidenceEvent[];
  /** How many outgoing events the window had (more than `outgoing` lists when it was cut). */
  readonly outgoingCount: number;
  /** Minor units. */
  readonly totalOut: number;
  readonly counterparties: number;
}

export interface RiskCase {
  /** Deterministic: a ULID whose time is the trigger's and whose rest hashes account, pattern and trigger event. */
  readonly caseId: string;
  readonly accountId: string;
  readonly pattern: RiskPattern;
  readonly status: 'OPEN';
  readonly openedAt: string;
  /** The policy's mode and action when the case was opened. In shadow mode the action is not carried out. */
  readonly mode: RiskMode;
  readonly action: PatternAction;
  /** ISO timestamps of the detection window (both ends included). */
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly evidence: CaseEvidence;
  /** Set once the action was carried out (only `freeze` in enforce mode has one). */
  readonly actionTakenAt?: string;
  readonly actionResult?: FreezeResult;
}

/** The fields of a case that `GET /risk/cases` lists. */
export type RiskCaseSummary = Pick<RiskCase, 'caseId' | 'accountId' | 'pattern' | 'openedAt' | 'status'>;

export const MAX_EVIDENCE_EVENTS = 50;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: bigint, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) {
    text = CROCKFORD.charAt(Number(value & 31n)) + text;
    value >>= 5n;
  }
  return text;
}

/** The 10-character ULID time prefix of epoch ms `at` (sorts like the time). */
export const ulidTime = (at: number): string => base32(BigInt(Math.max(0, Math.floor(at))), 10);

/**
 * The id of the case a match opens: a ULID (26 characters, sortable by the trigger's time)
 * whose 80 random bits are a hash of account, pattern and trigger event, so every replay and
 * every later event that finds the same match names the same case.
 */
export function caseIdFor(accountId: string, pattern: RiskPattern, triggerEventId: string, triggerAt: number): string {
  const digest = createHash('sha256').update(`${accountId}\u0000${pattern}\u0000${triggerEventId}`).digest();
  return ulidTime(triggerAt) + base32(BigInt(`0x${digest.subarray(0, 10).toString('hex')}`), 16);
}

const evidenceEvent = (entry: WindowEntry): EvidenceEvent => ({
  eventId: entry.eventId,
  eventType: entry.eventType,
  amount: entry.amount,
  at: new Date(entry.at).toISOString(),
  ...(entry.counterpartyAccountId !== undefined ? { counterpartyAccountId: entry.counterpartyAccountId } : {}),
});

export function caseFromMatch(match: PatternMatch, policy: { readonly mode: RiskMode; readonly action: PatternAction }, openedAt: Date): RiskCase {
  return {
    caseId: caseIdFor(match.accountId, match.pattern, match.trigger.eventId, match.trigger.at),
    accountId: match.accountId,
    pattern: match.pattern,
    status: 'OPEN',
    openedAt: openedAt.toISOString(),
    mode: policy.mode,
    action: policy.action,
    windowStart: new Date(match.windowStart).toISOString(),
    windowEnd: new Date(match.windowEnd).toISOString(),
    evidence: {
      trigger: evidenceEvent(match.trigger),
      outgoing: match.outgoing.slice(0, MAX_EVIDENCE_EVENTS).map(evidenceEvent),
      outgoingCount: match.outgoing.length,
      totalOut: match.totalOut,
      counterparties: match.counterparties,
    },
  };
}

/**
 * True when `existing` already covers `candidate`: same account, pattern and mode, and their
 * windows overlap. One episode (several deposits drained together, a burst of transfers) then
 * opens one case, whatever order its events arrive in.
 */
export function overlapsCase(existing: RiskCase, candidate: RiskCase): boolean {
  return (
    existing.accountId === candidate.accountId &&
    existing.pattern === candidate.pattern &&
    existing.mode === candidate.mode &&
    existing.windowStart <= candidate.windowEnd &&
    candidate.windowStart <= existing.windowEnd
  );
}

/** True when the case still owes its action: a freeze in enforce mode not carried out yet. */
export const owesFreeze = (riskCase: RiskCase): boolean => riskCase.mode === 'enforce' && riskCase.action === 'freeze' && riskCase.actionTakenAt === undefined;

export const summaryOf = (riskCase: RiskCase): RiskCaseSummary => ({
  caseId: riskCase.caseId,
  accountId: riskCase.accountId,
  pattern: riskCase.pattern,
  openedAt: riskCase.openedAt,
  status: riskCase.status,
});
