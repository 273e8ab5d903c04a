import { DEFAULT_RISK_POLICY, parseRiskPolicyDocument, parseStoredRiskPolicy, toRiskPolicyDocument, InvalidRiskPolicyError, type RiskPolicyDocument } from '../../src/index';

const documentOf = (overrides: Partial<RiskPolicyDocument> = {}): RiskPolicyDocument => ({ ...toRiskPolicyDocument(DEFAULT_RISK_POLICY), ...overrides });

const issuesOf = (input: unknown) => {
  const result = parseRiskPolicyDocument(input);
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.errors;
};

describe('parseRiskPolicyDocument', () => {
  it('accepts the defaults in their API shape and gives them back in minor units', () => {
    expect(parseRiskPolicyDocument(toRiskPolicyDocument(DEFAULT_RISK_POLICY))).toEqual({ ok: true, value: DEFAULT_RISK_POLICY });
  });

  it('documents the defaults in major units as DESIGN.md shows them', () => {
    expect(toRiskPolicyDocument(DEFAULT_RISK_POLICY)).toEqual({
      mode: 'enforce',
      reviewAmount: 10000,
      newAccount: { days: 7, maxDebit: 2500 },
      velocity: { maxDebits: 20, windowMinutes: 60 },
      holdExpiryMinutes: 4320,
      patterns: { passThrough: { minDeposit: 1000, share: 0.9, withinMinutes: 30 }, fanOut: { counterparties: 5, withinMinutes: 60 }, action: 'flag' },
    });
  });

  it('converts amounts with cents exactly (no float drift)', () => {
    const result = parseRiskPolicyDocument(documentOf({ reviewAmount: 0.29, newAccount: { days: 7, maxDebit: 1234.57 } }));
    expect(result.ok && result.value.reviewAmount).toBe(29);
    expect(result.ok && result.value.newAccount.maxDebit).toBe(123_457);
  });

  it('round-trips minor → major → minor exactly', () => {
    const policy = { ...DEFAULT_RISK_POLICY, reviewAmount: 1_000_001, newAccount: { days: 3, maxDebit: 7 } };
    expect(parseRiskPolicyDocument(toRiskPolicyDocument(policy))).toEqual({ ok: true, value: policy });
  });

  it.each([
    ['a body that is not an object', [], '/'],
    ['an unknown mode', documentOf({ mode: 'strict' as RiskPolicyDocument['mode'] }), '/mode'],
    ['a missing field', (({ velocity: _v, ...rest }) => rest)(documentOf()), '/velocity'],
    ['an unknown top-level field', { ...documentOf(), extra: true }, '/extra'],
    ['an unknown nested field', documentOf({ velocity: { maxDebits: 5, windowMinutes: 60, burst: 2 } as RiskPolicyDocument['velocity'] }), '/velocity/burst'],
    ['a zero review amount', documentOf({ reviewAmount: 0 }), '/reviewAmount'],
    ['a negative cap', documentOf({ newAccount: { days: 7, maxDebit: -1 } }), '/newAccount/maxDebit'],
    ['a string amount', documentOf({ reviewAmount: '10000' as unknown as number }), '/reviewAmount'],
    ['a fractional day count', documentOf({ newAccount: { days: 1.5, maxDebit: 10 } }), '/newAccount/days'],
    ['a zero velocity', documentOf({ velocity: { maxDebits: 0, windowMinutes: 60 } }), '/velocity/maxDebits'],
    ['more debits than the item keeps', documentOf({ velocity: { maxDebits: 101, windowMinutes: 60 } }), '/velocity/maxDebits'],
    ['a window longer than a day', documentOf({ velocity: { maxDebits: 5, windowMinutes: 1441 } }), '/velocity/windowMinutes'],
    ['a share above 1', documentOf({ patterns: { ...documentOf().patterns, passThrough: { minDeposit: 1000, share: 1.5, withinMinutes: 30 } } }), '/patterns/passThrough/share'],
    ['a zero share', documentOf({ patterns: { ...documentOf().patterns, passThrough: { minDeposit: 1000, share: 0, withinMinutes: 30 } } }), '/patterns/passThrough/share'],
    ['a fan-out of one counterparty', documentOf({ patterns: { ...documentOf().patterns, fanOut: { counterparties: 1, withinMinutes: 60 } } }), '/patterns/fanOut/counterparties'],
    ['an unknown action', documentOf({ patterns: { ...documentOf().patterns, action: 'block' as 'flag' } }), '/patterns/action'],
    ['an amount too large to hold in cents', documentOf({ reviewAmount: 1e300 }), '/reviewAmount'],
  ])('rejects %s with its path', (_name, input, path) => {
    expect(issuesOf(input).map((issue) => issue.path)).toContain(path);
  });

  it('rejects amounts with more than two decimals, naming each', () => {
    const issues = issuesOf(documentOf({ reviewAmount: 10.001, patterns: { ...documentOf().patterns, passThrough: { minDeposit: 0.005, share: 0.9, withinMinutes: 30 } } }));
    expect(issues).toEqual([
      { path: '/reviewAmount', message: 'must have at most 2 decimal places' },
      { path: '/patterns/passThrough/minDeposit', message: 'must have at most 2 decimal places' },
    ]);
  });

  it('reports a bounded number of issues however many fields are wrong', () => {
    const hostile = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`field${i}`, i]));
    expect(issuesOf(hostile).length).toBeLessThanOrEqual(20);
  });

  it('never quotes the rejected value', () => {
    const issues = issuesOf(documentOf({ mode: 'secret-value' as RiskPolicyDocument['mode'] }));
    expect(JSON.stringify(issues)).not.toContain('secret-value');
  });
});

describe('parseStoredRiskPolicy', () => {
  it('reads a stored policy in minor units', () => {
    expect(parseStoredRiskPolicy(JSON.parse(JSON.stringify(DEFAULT_RISK_POLICY)))).toEqual(DEFAULT_RISK_POLICY);
  });

  it('refuses a stored amount that is not whole minor units', () => {
    expect(() => parseStoredRiskPolicy({ ...DEFAULT_RISK_POLICY, reviewAmount: 10.5 })).toThrow(InvalidRiskPolicyError);
  });

  it('refuses something that is not a policy', () => {
    expect(() => parseStoredRiskPolicy(undefined)).toThrow(InvalidRiskPolicyError);
  });
});
