import { detectFanOut } from '../../../src/domain/fan-out';
import { entryFromEvent } from '../../../src/domain/window-entry';
import { at, deposit, transferIn, transferOut, withdrawal } from '../../support/events';

const rule = { counterparties: 5, withinMinutes: 60 };
/** Transfers from `a` to `count` distinct accounts, one per `step` minutes from minute 0. */
const burst = (count: number, step = 1) => Array.from({ length: count }, (_, i) => entryFromEvent(transferOut('a', `dest-${i}`, 1_000, at(i * step))));

describe('detectFanOut', () => {
  it('finds transfers to 5 distinct accounts within an hour (at the threshold)', () => {
    const [match, ...rest] = detectFanOut(burst(5), rule);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ pattern: 'fan-out', accountId: 'a', counterparties: 5, totalOut: 5_000 });
    expect(match?.outgoing).toHaveLength(5);
  });

  it('ignores transfers to 4 distinct accounts (below)', () => {
    expect(detectFanOut(burst(4), rule)).toEqual([]);
  });

  it('finds every window start above the threshold (the caller opens one case for them)', () => {
    expect(detectFanOut(burst(7), rule).map((match) => match.counterparties)).toEqual([7, 6, 5]);
  });

  it('counts distinct accounts, not transfers', () => {
    const repeated = Array.from({ length: 10 }, (_, i) => entryFromEvent(transferOut('a', `dest-${i % 4}`, 1_000, at(i))));
    expect(detectFanOut(repeated, rule)).toEqual([]);
  });

  it('includes a transfer exactly withinMinutes after the first', () => {
    expect(detectFanOut(burst(5, 15), rule)).toHaveLength(1);
  });

  it('excludes a transfer later than withinMinutes after the first', () => {
    expect(detectFanOut(burst(5, 15.001), rule)).toEqual([]);
  });

  it('ignores withdrawals, deposits and incoming transfers', () => {
    const others = [deposit('a', 1, at(0)), withdrawal('a', 1, at(1)), transferIn('a', 'x', 1, at(2)), transferIn('a', 'y', 1, at(3))].map(entryFromEvent);
    expect(detectFanOut([...burst(3), ...others], rule)).toEqual([]);
  });

  it('decides the same for shuffled and duplicated input', () => {
    const ordered = burst(6);
    const shuffled = [ordered[3], ordered[0], ordered[5], ordered[0], ordered[1], ordered[4], ordered[2], ordered[5]].flatMap((entry) => (entry ? [entry] : []));
    expect(detectFanOut(shuffled, rule)).toEqual(detectFanOut(ordered, rule));
  });
});
