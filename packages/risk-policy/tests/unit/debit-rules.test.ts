import { DEFAULT_RISK_POLICY, evaluateDebit, type DebitAccountView, type RiskPolicy } from '../../src/index';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

const policy: RiskPolicy = {
  ...DEFAULT_RISK_POLICY,
  reviewAmount: 1_000_000,
  newAccount: { days: 7, maxDebit: 250_000 },
  velocity: { maxDebits: 3, windowMinutes: 60 },
};
const shadow: RiskPolicy = { ...policy, mode: 'shadow' };

/** An account opened a year ago with $50,000 and no recent debits. */
const account = (overrides: Partial<DebitAccountView> = {}): DebitAccountView => ({
  createdAt: new Date(NOW.getTime() - 365 * DAY).toISOString(),
  status: 'OPEN',
  balance: 5_000_000,
  held: 0,
  recentDebits: [],
  ...overrides,
});

const minutesAgo = (...minutes: number[]) => minutes.map((m) => NOW.getTime() - m * MINUTE);
const decide = (amount: number, view: DebitAccountView = account(), withPolicy: RiskPolicy = policy) => evaluateDebit({ policy: withPolicy, account: view, amount, now: NOW });

describe('evaluateDebit', () => {
  it('allows an ordinary debit and records its time', () => {
    const decision = decide(10_000);
    expect(decision).toMatchObject({ outcome: 'allow', fired: [], mode: 'enforce' });
    expect(decision.recentDebits).toEqual([NOW.getTime()]);
  });

  describe('velocity', () => {
    it('allows the last debit the window has room for (below the limit)', () => {
      expect(decide(10_000, account({ recentDebits: minutesAgo(30, 10) })).outcome).toBe('allow');
    });

    it('refuses the debit after maxDebits in the window (at the limit) with VELOCITY_LIMIT', () => {
      const decision = decide(10_000, account({ recentDebits: minutesAgo(50, 30, 10) }));
      expect(decision).toMatchObject({ outcome: 'refuse', code: 'VELOCITY_LIMIT' });
      expect(decision.fired).toEqual([{ rule: 'velocity', effect: 'refuse', code: 'VELOCITY_LIMIT', enforced: true }]);
    });

    it('refuses above the limit and leaves the recorded times unchanged', () => {
      const recent = minutesAgo(59, 50, 30, 10);
      expect(decide(10_000, account({ recentDebits: recent }))).toMatchObject({ outcome: 'refuse', code: 'VELOCITY_LIMIT', recentDebits: recent });
    });

    it('forgets debits that left the rolling window (exactly windowMinutes ago is outside)', () => {
      const decision = decide(10_000, account({ recentDebits: minutesAgo(60, 30, 10) }));
      expect(decision.outcome).toBe('allow');
      expect(decision.recentDebits).toEqual([...minutesAgo(30, 10), NOW.getTime()]);
    });

    it('keeps at most maxDebits times on the item', () => {
      const decision = decide(10_000, account({ recentDebits: minutesAgo(20, 10) }));
      expect(decision.recentDebits).toHaveLength(policy.velocity.maxDebits);
    });

    it('treats an item without recentDebits as having none', () => {
      const { recentDebits: _omitted, ...older } = account();
      expect(decide(10_000, older).recentDebits).toEqual([NOW.getTime()]);
    });
  });

  describe('new-account cap', () => {
    const young = account({ createdAt: new Date(NOW.getTime() - 2 * DAY).toISOString() });

    it('allows a new account to debit exactly maxDebit (at the cap)', () => {
      expect(decide(250_000, young).outcome).toBe('allow');
    });

    it('allows a new account below the cap', () => {
      expect(decide(249_999, young).outcome).toBe('allow');
    });

    it('refuses a new account one cent above the cap with LIMIT_EXCEEDED', () => {
      expect(decide(250_001, young)).toMatchObject({ outcome: 'refuse', code: 'LIMIT_EXCEEDED', recentDebits: [] });
    });

    it('lifts the cap once the account is exactly `days` old', () => {
      const weekOld = account({ createdAt: new Date(NOW.getTime() - 7 * DAY).toISOString() });
      expect(decide(250_001, weekOld).outcome).toBe('allow');
    });

    it('still caps one millisecond before the account is `days` old', () => {
      const almost = account({ createdAt: new Date(NOW.getTime() - 7 * DAY + 1).toISOString() });
      expect(decide(250_001, almost).outcome).toBe('refuse');
    });

    it('is off when days is 0', () => {
      expect(decide(250_001, young, { ...policy, newAccount: { days: 0, maxDebit: 1 } }).outcome).toBe('allow');
    });
  });

  describe('review hold', () => {
    it('allows a debit one cent below reviewAmount', () => {
      expect(decide(999_999).outcome).toBe('allow');
    });

    it('holds a debit of exactly reviewAmount', () => {
      const decision = decide(1_000_000);
      expect(decision).toMatchObject({ outcome: 'hold', fired: [{ rule: 'review', effect: 'hold', enforced: true }] });
    });

    it('holds a debit above reviewAmount and counts it towards velocity', () => {
      expect(decide(2_000_000)).toMatchObject({ outcome: 'hold', recentDebits: [NOW.getTime()] });
    });

    it('refuses rather than holds when a refusing rule also fires', () => {
      const young = account({ createdAt: NOW.toISOString() });
      const decision = decide(1_000_000, young);
      expect(decision).toMatchObject({ outcome: 'refuse', code: 'LIMIT_EXCEEDED' });
      expect(decision.fired.map((hit) => hit.rule)).toEqual(['newAccount', 'review']);
    });
  });

  describe('account state (never waived)', () => {
    it.each([
      ['CLOSED', 'ACCOUNT_CLOSED'],
      ['FROZEN', 'ACCOUNT_FROZEN'],
    ] as const)('refuses a debit from a %s account with %s', (status, code) => {
      expect(decide(100, account({ status }), shadow)).toMatchObject({ outcome: 'refuse', code });
    });

    it('checks available money (balance minus holds), not the balance', () => {
      const view = account({ balance: 100_000, held: 60_000 });
      expect(decide(40_000, view).outcome).toBe('allow');
      expect(decide(40_001, view)).toMatchObject({ outcome: 'refuse', code: 'INSUFFICIENT_FUNDS' });
    });

    it('checks available money before making a hold', () => {
      expect(decide(1_000_000, account({ balance: 999_999 }))).toMatchObject({ outcome: 'refuse', code: 'INSUFFICIENT_FUNDS' });
    });
  });

  describe('shadow mode', () => {
    it('reports every rule that fires but allows the debit', () => {
      const young = account({ createdAt: NOW.toISOString(), recentDebits: minutesAgo(3, 2, 1) });
      const decision = decide(1_000_000, young, shadow);
      expect(decision.outcome).toBe('allow');
      expect(decision.mode).toBe('shadow');
      expect(decision.fired).toEqual([
        { rule: 'velocity', effect: 'refuse', code: 'VELOCITY_LIMIT', enforced: false },
        { rule: 'newAccount', effect: 'refuse', code: 'LIMIT_EXCEEDED', enforced: false },
        { rule: 'review', effect: 'hold', enforced: false },
      ]);
    });

    it('never holds', () => {
      expect(decide(5_000_000, account(), shadow).outcome).toBe('allow');
    });

    it('still records the debit time', () => {
      expect(decide(100, account(), shadow).recentDebits).toEqual([NOW.getTime()]);
    });
  });
});
