/**
 * The risk policy: what the synchronous debit rules and the asynchronous pattern detection read.
 * Two shapes with the same fields: {@link RiskPolicyDocument} is what operators send and read over
 * HTTP (amounts in major units, like every amount of the API); {@link RiskPolicy} is what code and
 * storage use (amounts in integer minor units). `policy-validation.ts` converts between them.
 */

export type RiskMode = 'enforce' | 'shadow';
export type PatternAction = 'flag' | 'freeze';

/** Same fields as {@link RiskPolicy}; `reviewAmount`, `newAccount.maxDebit` and `patterns.passThrough.minDeposit` in major units. */
export interface RiskPolicyDocument {
  mode: RiskMode;
  reviewAmount: number;
  newAccount: { days: number; maxDebit: number };
  velocity: { maxDebits: number; windowMinutes: number };
  holdExpiryMinutes: number;
  patterns: {
    passThrough: { minDeposit: number; share: number; withinMinutes: number };
    fanOut: { counterparties: number; withinMinutes: number };
    action: PatternAction;
  };
}

/** The policy as code reads it. Amounts are integer minor units (cents). */
export interface RiskPolicy {
  /** `shadow`: every rule is evaluated and recorded, nothing is refused, held or frozen. */
  readonly mode: RiskMode;
  /** A debit of at least this amount becomes a hold for review. */
  readonly reviewAmount: number;
  /** During the first `days` days of an account, a debit above `maxDebit` is refused (`LIMIT_EXCEEDED`); `days: 0` turns the cap off. */
  readonly newAccount: { readonly days: number; readonly maxDebit: number };
  /** At most `maxDebits` debits per rolling `windowMinutes` per account (`VELOCITY_LIMIT`). */
  readonly velocity: { readonly maxDebits: number; readonly windowMinutes: number };
  /** An undecided hold is expired (declined) this long after it was made. */
  readonly holdExpiryMinutes: number;
  readonly patterns: {
    /** At least `share` of a deposit of at least `minDeposit` leaves the account within `withinMinutes`. */
    readonly passThrough: { readonly minDeposit: number; readonly share: number; readonly withinMinutes: number };
    /** Transfers to at least `counterparties` distinct accounts within `withinMinutes`. */
    readonly fanOut: { readonly counterparties: number; readonly withinMinutes: number };
    /** What a detected pattern does besides opening a case (`freeze` only in `enforce` mode). */
    readonly action: PatternAction;
  };
}

/** Largest `withinMinutes` a pattern may have (one day): how long the detector must keep its windows. */
export const MAX_PATTERN_WINDOW_MINUTES = 1_440;

/** Largest `velocity.maxDebits`: the account item keeps that many debit times. */
export const MAX_VELOCITY_DEBITS = 100;

/**
 * The policy in force until an operator stores one. The README explains each value.
 *
 * @example
 * evaluateDebit({ policy: DEFAULT_RISK_POLICY, account, amount: 1_250_000, now: new Date() }); // a hold: $12,500 ≥ $10,000
 */
export const DEFAULT_RISK_POLICY: RiskPolicy = {
  mode: 'enforce',
  reviewAmount: 1_000_000, // $10,000
  newAccount: { days: 7, maxDebit: 250_000 }, // $2,500 per debit in the first week
  velocity: { maxDebits: 20, windowMinutes: 60 },
  holdExpiryMinutes: 4_320, // 3 days
  patterns: {
    passThrough: { minDeposit: 100_000, share: 0.9, withinMinutes: 30 }, // $1,000
    fanOut: { counterparties: 5, withinMinutes: 60 },
    action: 'flag',
  },
};

/** The policy with its three amounts converted (minor ⇄ major units); everything else copied. */
export function mapAmounts(policy: RiskPolicyDocument, convert: (value: number) => number): RiskPolicy {
  return {
    mode: policy.mode,
    reviewAmount: convert(policy.reviewAmount),
    newAccount: { days: policy.newAccount.days, maxDebit: convert(policy.newAccount.maxDebit) },
    velocity: { maxDebits: policy.velocity.maxDebits, windowMinutes: policy.velocity.windowMinutes },
    holdExpiryMinutes: policy.holdExpiryMinutes,
    patterns: {
      passThrough: {
        minDeposit: convert(policy.patterns.passThrough.minDeposit),
        share: policy.patterns.passThrough.share,
        withinMinutes: policy.patterns.passThrough.withinMinutes,
      },
      fanOut: { counterparties: policy.patterns.fanOut.counterparties, withinMinutes: policy.patterns.fanOut.withinMinutes },
      action: policy.patterns.action,
    },
  };
}
