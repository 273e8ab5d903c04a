import { DEFAULT_RISK_POLICY, type RiskPolicy } from '@bank/risk-policy';
import { silentLogger } from '@bank/notifier-runtime';
import type { MoneyEvent } from '@bank/schemas';
import { detectOnEvent, RISK_ACTOR, WINDOW_RETENTION_MS, type DetectionPorts } from '../../../src/domain/detect-on-event';
import { InMemoryAccountFreezer, InMemoryCaseStore, InMemoryWindowStore } from '../../../src/testing/index';
import { at, deposit, T0, transferOut, withdrawal } from '../../support/events';

const NOW = new Date(T0 + 3 * 60 * 60_000);

function setup(policy: RiskPolicy = DEFAULT_RISK_POLICY, statuses: Record<string, 'OPEN' | 'FROZEN' | 'CLOSED'> = { a: 'OPEN' }) {
  const windows = new InMemoryWindowStore();
  const cases = new InMemoryCaseStore();
  const freezer = new InMemoryAccountFreezer(statuses);
  const ports: DetectionPorts = { policies: { current: async () => ({ policy, version: 0 }) }, windows, cases, freezer, now: () => NOW, logger: silentLogger };
  const run = async (events: readonly MoneyEvent[]) => {
    for (const event of events) await detectOnEvent(event, ports);
  };
  return { windows, cases, freezer, ports, run };
}

const freezing: RiskPolicy = { ...DEFAULT_RISK_POLICY, patterns: { ...DEFAULT_RISK_POLICY.patterns, action: 'freeze' } };

/** Every ordering of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const passThrough = () => [deposit('a', 500_000, at(0)), withdrawal('a', 200_000, at(5)), transferOut('a', 'b', 260_000, at(9))];
const fanOut = () => Array.from({ length: 5 }, (_, i) => transferOut('a', `dest-${i}`, 2_000, at(i * 10)));

describe('detectOnEvent', () => {
  it('opens no case for ordinary use (salary in, bills and a few transfers out)', async () => {
    const { cases, run } = setup();
    await run([
      deposit('a', 350_000, at(0)),
      withdrawal('a', 20_000, at(10)),
      transferOut('a', 'landlord', 120_000, at(20)),
      transferOut('a', 'utility', 8_000, at(25)),
      transferOut('a', 'friend', 3_000, at(40)),
      withdrawal('a', 6_000, at(90)),
    ]);
    expect(cases.cases.size).toBe(0);
  });

  it('opens one pass-through case, with the policy it ran under', async () => {
    const { cases, run } = setup();
    const events = passThrough();
    await run(events);
    const [only, ...rest] = [...cases.cases.values()];
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ accountId: 'a', pattern: 'pass-through', status: 'OPEN', mode: 'enforce', action: 'flag', openedAt: NOW.toISOString() });
    expect(only?.evidence.trigger.eventId).toBe(events[0]?.id);
    expect(only?.evidence.totalOut).toBe(460_000);
  });

  it('returns the cases it opened', async () => {
    const { ports } = setup();
    const [d, w1, w2] = passThrough();
    if (!d || !w1 || !w2) throw new Error('fixture');
    await detectOnEvent(d, ports);
    expect((await detectOnEvent(w1, ports)).opened).toEqual([]);
    expect((await detectOnEvent(w2, ports)).opened).toHaveLength(1);
  });

  it.each(permutations([0, 1, 2]).map((order) => [order.join(',')]))('opens exactly one case when the events arrive in order %s', async (order) => {
    const { cases, run } = setup();
    const events = passThrough();
    await run(order.split(',').flatMap((i) => events[Number(i)] ?? []));
    expect(cases.cases.size).toBe(1);
  });

  it('opens no second case when the same events are delivered again', async () => {
    const { cases, run } = setup();
    const events = passThrough();
    await run([...events, ...events, ...events.reverse()]);
    expect(cases.cases.size).toBe(1);
  });

  it('opens one case when two deposits are drained together', async () => {
    const { cases, run } = setup();
    await run([deposit('a', 100_000, at(0)), deposit('a', 100_000, at(2)), withdrawal('a', 200_000, at(4))]);
    expect([...cases.cases.values()].map((c) => c.pattern)).toEqual(['pass-through']);
  });

  it('opens one fan-out case for shuffled and duplicated transfers', async () => {
    const { cases, run } = setup();
    const transfers = fanOut();
    await run([transfers[4], transfers[2], transfers[0], transfers[2], transfers[3], transfers[1], transfers[4]].flatMap((e) => (e ? [e] : [])));
    const [only, ...rest] = [...cases.cases.values()];
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ pattern: 'fan-out', evidence: { counterparties: 5, outgoingCount: 5 } });
  });

  it('opens one case per window of a long burst of transfers, not one per transfer', async () => {
    const { cases, run } = setup();
    // a transfer to a new account every 10 minutes for 2.5 hours
    await run(Array.from({ length: 16 }, (_, i) => transferOut('a', `dest-${i}`, 2_000, at(i * 10))));
    const opened = [...cases.cases.values()].sort((x, y) => x.windowStart.localeCompare(y.windowStart));
    expect(opened.length).toBeGreaterThanOrEqual(2);
    expect(opened.length).toBeLessThan(4);
    opened.slice(1).forEach((riskCase, i) => expect(riskCase.windowStart > (opened[i]?.windowEnd ?? '')).toBe(true));
  });

  it("keeps accounts apart: another account's transfers do not count", async () => {
    const { cases, run } = setup();
    await run([...fanOut().slice(0, 3), transferOut('other', 'dest-8', 2_000, at(1)), transferOut('other', 'dest-9', 2_000, at(2))]);
    expect(cases.cases.size).toBe(0);
  });

  it('stores each event once in its window, kept for twice the longest window', async () => {
    const { windows, run } = setup();
    const event = deposit('a', 100, at(0));
    await run([event, event]);
    expect([...windows.entries.values()]).toEqual([{ entry: expect.objectContaining({ eventId: event.id }), expiresAt: NOW.getTime() + WINDOW_RETENTION_MS }]);
  });

  describe('with action "freeze"', () => {
    it('freezes the account once, as the risk service, naming the case', async () => {
      const { cases, freezer, run } = setup(freezing);
      await run(passThrough());
      const [riskCase] = [...cases.cases.values()];
      expect(freezer.calls).toEqual([{ accountId: 'a', reason: `risk case ${riskCase?.caseId} (pass-through)`, actor: RISK_ACTOR }]);
      expect(riskCase).toMatchObject({ action: 'freeze', actionTakenAt: NOW.toISOString(), actionResult: 'frozen' });
    });

    it('does not freeze again when the events are replayed after an operator unfroze the account', async () => {
      const { freezer, run } = setup(freezing);
      const events = passThrough();
      await run(events);
      freezer.statuses.set('a', 'OPEN');
      await run([...events].reverse());
      expect(freezer.statuses.get('a')).toBe('OPEN');
      expect(freezer.calls).toHaveLength(1);
    });

    it('carries out a freeze that failed on a later delivery of the same event', async () => {
      const { cases, freezer, ports } = setup(freezing);
      const [d, w1, w2] = passThrough();
      if (!d || !w1 || !w2) throw new Error('fixture');
      await detectOnEvent(d, ports);
      await detectOnEvent(w1, ports);
      const freeze = freezer.freeze.bind(freezer);
      freezer.freeze = () => Promise.reject(new Error('account service unavailable'));
      await expect(detectOnEvent(w2, ports)).rejects.toThrow('unavailable');
      freezer.freeze = freeze;

      const outcome = await detectOnEvent(w2, ports);
      expect(outcome).toMatchObject({ opened: [], frozen: [expect.objectContaining({ pattern: 'pass-through' })] });
      expect(cases.cases.size).toBe(1);
      expect(freezer.statuses.get('a')).toBe('FROZEN');
    });

    it('records a closed account as not applicable', async () => {
      const { cases, run } = setup(freezing, { a: 'CLOSED' });
      await run(passThrough());
      expect([...cases.cases.values()][0]).toMatchObject({ actionResult: 'not-applicable' });
    });

    it('in shadow mode records the would-be case without freezing', async () => {
      const { cases, freezer, run } = setup({ ...freezing, mode: 'shadow' });
      await run(passThrough());
      expect([...cases.cases.values()]).toEqual([expect.objectContaining({ mode: 'shadow', action: 'freeze' })]);
      expect([...cases.cases.values()][0]?.actionTakenAt).toBeUndefined();
      expect(freezer.calls).toEqual([]);
    });
  });

  it('reads the policy in force for every event (a changed threshold applies to the next one)', async () => {
    let policy: RiskPolicy = { ...DEFAULT_RISK_POLICY, patterns: { ...DEFAULT_RISK_POLICY.patterns, fanOut: { counterparties: 10, withinMinutes: 60 } } };
    const { cases, ports } = setup();
    const withPolicy = { ...ports, policies: { current: async () => ({ policy, version: 0 as const }) } };
    const transfers = fanOut();
    for (const event of transfers.slice(0, 4)) await detectOnEvent(event, withPolicy);
    policy = DEFAULT_RISK_POLICY;
    const last = transfers[4];
    if (last) await detectOnEvent(last, withPolicy);
    expect(cases.cases.size).toBe(1);
  });
});
