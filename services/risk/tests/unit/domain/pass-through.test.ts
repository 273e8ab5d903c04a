import { detectPassThrough, reachesShare } from '../../../src/domain/pass-through';
import { entryFromEvent } from '../../../src/domain/window-entry';
import { at, deposit, transferIn, transferOut, withdrawal } from '../../support/events';

const rule = { minDeposit: 100_000, share: 0.9, withinMinutes: 30 };
const entries = (...events: Parameters<typeof entryFromEvent>[0][]) => events.map(entryFromEvent);

describe('detectPassThrough', () => {
  it('finds 90% of a $1000 deposit withdrawn within 30 minutes', () => {
    const d = deposit('acct-1', 100_000, at(0));
    const w = withdrawal('acct-1', 90_000, at(10));
    const [match, ...rest] = detectPassThrough(entries(d, w), rule);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ pattern: 'pass-through', accountId: 'acct-1', totalOut: 90_000, trigger: { eventId: d.id }, outgoing: [{ eventId: w.id }] });
  });

  it('ignores ordinary use: a deposit and a small withdrawal', () => {
    expect(detectPassThrough(entries(deposit('acct-1', 200_000, at(0)), withdrawal('acct-1', 5_000, at(5))), rule)).toEqual([]);
  });

  describe('minDeposit', () => {
    it('looks at a deposit of exactly minDeposit', () => {
      expect(detectPassThrough(entries(deposit('a', 100_000, at(0)), withdrawal('a', 100_000, at(1))), rule)).toHaveLength(1);
    });

    it('ignores a deposit one cent below minDeposit, even fully drained', () => {
      expect(detectPassThrough(entries(deposit('a', 99_999, at(0)), withdrawal('a', 99_999, at(1))), rule)).toEqual([]);
    });

    it('looks at a deposit above minDeposit', () => {
      expect(detectPassThrough(entries(deposit('a', 500_000, at(0)), withdrawal('a', 450_000, at(1))), rule)).toHaveLength(1);
    });
  });

  describe('share', () => {
    it('matches when exactly share of the deposit leaves', () => {
      expect(detectPassThrough(entries(deposit('a', 100_000, at(0)), withdrawal('a', 90_000, at(1))), rule)).toHaveLength(1);
    });

    it('does not match one cent below share', () => {
      expect(detectPassThrough(entries(deposit('a', 100_000, at(0)), withdrawal('a', 89_999, at(1))), rule)).toEqual([]);
    });

    it('adds withdrawals and outgoing transfers together', () => {
      const found = detectPassThrough(entries(deposit('a', 100_000, at(0)), withdrawal('a', 50_000, at(1)), transferOut('a', 'b', 40_000, at(2))), rule);
      expect(found[0]?.totalOut).toBe(90_000);
    });

    it('compares without float error (0.7 × $1000 is $700)', () => {
      expect(reachesShare(70_000, 100_000, 0.7)).toBe(true);
      expect(reachesShare(69_999, 100_000, 0.7)).toBe(false);
    });
  });

  describe('withinMinutes', () => {
    it('counts money leaving exactly withinMinutes after the deposit', () => {
      expect(detectPassThrough(entries(deposit('a', 100_000, at(0)), withdrawal('a', 90_000, at(30))), rule)).toHaveLength(1);
    });

    it('does not count money leaving after withinMinutes', () => {
      expect(detectPassThrough(entries(deposit('a', 100_000, at(0)), withdrawal('a', 90_000, at(30.001))), rule)).toEqual([]);
    });

    it('does not count money that left before the deposit', () => {
      expect(detectPassThrough(entries(withdrawal('a', 90_000, at(0)), deposit('a', 100_000, at(1))), rule)).toEqual([]);
    });
  });

  it('treats an incoming transfer like a deposit', () => {
    expect(detectPassThrough(entries(transferIn('a', 'b', 100_000, at(0)), transferOut('a', 'c', 95_000, at(3))), rule)).toHaveLength(1);
  });

  it('decides the same whatever the order of the entries', () => {
    const sequence = entries(deposit('a', 100_000, at(0)), withdrawal('a', 30_000, at(1)), withdrawal('a', 60_000, at(2)));
    expect(detectPassThrough([...sequence].reverse(), rule)).toEqual(detectPassThrough(sequence, rule));
  });

  it('counts a duplicated withdrawal once', () => {
    const d = deposit('a', 100_000, at(0));
    const w = withdrawal('a', 50_000, at(1));
    expect(detectPassThrough(entries(d, w, w), rule)).toEqual([]);
  });
});
