import { caseFromMatch, caseIdFor, MAX_EVIDENCE_EVENTS, overlapsCase, ulidTime, type RiskCase } from '../../../src/domain/risk-case';
import type { PatternMatch } from '../../../src/domain/pattern-match';
import { entryFromEvent } from '../../../src/domain/window-entry';
import { at, deposit, T0, withdrawal } from '../../support/events';

const OPENED = new Date('2025-03-01T13:00:00.000Z');
const trigger = entryFromEvent(deposit('acct-1', 100_000, at(0), 'evt-deposit'));
const match = (overrides: Partial<PatternMatch> = {}): PatternMatch => ({
  pattern: 'pass-through',
  accountId: 'acct-1',
  trigger,
  windowStart: trigger.at,
  windowEnd: trigger.at + 30 * 60_000,
  outgoing: [entryFromEvent(withdrawal('acct-1', 95_000, at(5), 'evt-w'))],
  totalOut: 95_000,
  counterparties: 0,
  ...overrides,
});
const policy = { mode: 'enforce', action: 'freeze' } as const;

describe('caseIdFor', () => {
  it('is a 26-character ULID whose time is the trigger time', () => {
    const id = caseIdFor('acct-1', 'pass-through', 'evt-1', T0);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(id.slice(0, 10)).toBe(ulidTime(T0));
  });

  it('is the same for the same account, pattern and trigger', () => {
    expect(caseIdFor('acct-1', 'fan-out', 'evt-1', T0)).toBe(caseIdFor('acct-1', 'fan-out', 'evt-1', T0));
  });

  it('differs when the account, pattern or trigger differs', () => {
    const ids = new Set([
      caseIdFor('acct-1', 'fan-out', 'evt-1', T0),
      caseIdFor('acct-2', 'fan-out', 'evt-1', T0),
      caseIdFor('acct-1', 'pass-through', 'evt-1', T0),
      caseIdFor('acct-1', 'fan-out', 'evt-2', T0),
    ]);
    expect(ids.size).toBe(4);
  });

  it('sorts like the trigger times', () => {
    expect(ulidTime(T0) < ulidTime(T0 + 1)).toBe(true);
    expect(caseIdFor('z', 'fan-out', 'z', T0) < caseIdFor('a', 'fan-out', 'a', T0 + 1)).toBe(true);
  });
});

describe('caseFromMatch', () => {
  it('records the policy, the window and the evidence as ids, times and minor units', () => {
    expect(caseFromMatch(match(), policy, OPENED)).toEqual({
      caseId: caseIdFor('acct-1', 'pass-through', 'evt-deposit', trigger.at),
      accountId: 'acct-1',
      pattern: 'pass-through',
      status: 'OPEN',
      openedAt: OPENED.toISOString(),
      mode: 'enforce',
      action: 'freeze',
      windowStart: at(0),
      windowEnd: at(30),
      evidence: {
        trigger: { eventId: 'evt-deposit', eventType: 'MoneyDeposited', amount: 100_000, at: at(0) },
        outgoing: [{ eventId: 'evt-w', eventType: 'MoneyWithdrawn', amount: 95_000, at: at(5) }],
        outgoingCount: 1,
        totalOut: 95_000,
        counterparties: 0,
      },
    });
  });

  it('keeps at most MAX_EVIDENCE_EVENTS outgoing events and the full count', () => {
    const many = Array.from({ length: 80 }, (_, i) => entryFromEvent(withdrawal('acct-1', 1, at(1), `evt-${i}`)));
    const riskCase = caseFromMatch(match({ outgoing: many }), policy, OPENED);
    expect(riskCase.evidence.outgoing).toHaveLength(MAX_EVIDENCE_EVENTS);
    expect(riskCase.evidence.outgoingCount).toBe(80);
  });
});

describe('overlapsCase', () => {
  const base: RiskCase = caseFromMatch(match(), policy, OPENED);
  const shifted = (minutes: number, changes: Partial<RiskCase> = {}): RiskCase => ({ ...base, caseId: `other-${minutes}`, windowStart: at(minutes), windowEnd: at(minutes + 30), ...changes });

  it('covers a case of the same account and pattern whose window overlaps, ends included', () => {
    expect(overlapsCase(base, shifted(10))).toBe(true);
    expect(overlapsCase(base, shifted(30))).toBe(true);
  });

  it('does not cover a later, separate window', () => {
    expect(overlapsCase(base, shifted(31))).toBe(false);
  });

  it('does not cover another pattern, account or mode', () => {
    expect(overlapsCase(base, shifted(5, { pattern: 'fan-out' }))).toBe(false);
    expect(overlapsCase(base, shifted(5, { accountId: 'acct-2' }))).toBe(false);
    expect(overlapsCase(base, shifted(5, { mode: 'shadow' }))).toBe(false);
  });
});
