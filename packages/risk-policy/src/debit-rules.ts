/**
 * The synchronous rules of a debit (a withdrawal or an outgoing transfer), evaluated on the
 * account item as the command read it, so the command needs no extra read: the account service
 * writes `recentDebits` back in the same TransactWriteItems, conditioned on the item's version.
 * Pure: no I/O, no clock (the caller passes `now`).
 */
import type { RiskMode, RiskPolicy } from './policy';

export type AccountStatus = 'OPEN' | 'FROZEN' | 'CLOSED';

/** What the rules read of the account item. Amounts in minor units. */
export interface DebitAccountView {
  /** ISO timestamp of the account's opening. */
  readonly createdAt: string;
  readonly status: AccountStatus;
  readonly balance: number;
  /** Sum of the account's pending holds. */
  readonly held: number;
  /** Epoch-ms times of the latest debits (holds included), at most `velocity.maxDebits` of them; absent on old items. */
  readonly recentDebits?: readonly number[];
}

export interface DebitCheck {
  readonly policy: RiskPolicy;
  readonly account: DebitAccountView;
  /** Minor units, > 0. */
  readonly amount: number;
  readonly now: Date;
}

export type RiskRule = 'velocity' | 'newAccount' | 'review';
export type RuleCode = 'VELOCITY_LIMIT' | 'LIMIT_EXCEEDED';
/** Refusals that no mode waives: they are the account's state, not a risk judgement. */
export type AccountCode = 'ACCOUNT_CLOSED' | 'ACCOUNT_FROZEN' | 'INSUFFICIENT_FUNDS';

/** A rule whose threshold the debit reached; `enforced` is false in shadow mode. */
export type RuleHit =
  | { readonly rule: 'velocity' | 'newAccount'; readonly effect: 'refuse'; readonly code: RuleCode; readonly enforced: boolean }
  | { readonly rule: 'review'; readonly effect: 'hold'; readonly enforced: boolean };

interface DecisionBase {
  readonly mode: RiskMode;
  /** Every rule that fired, in evaluation order (velocity, newAccount, review), enforced or not. */
  readonly fired: readonly RuleHit[];
  /** The value to write to the account item's `recentDebits` (unchanged when refused). */
  readonly recentDebits: readonly number[];
}

export type DebitDecision =
  | (DecisionBase & { readonly outcome: 'allow' })
  /** Reserve the amount (`held` += amount) and wait for an operator: the API answers 202. */
  | (DecisionBase & { readonly outcome: 'hold' })
  /** A 422 with `code`; nothing may change. */
  | (DecisionBase & { readonly outcome: 'refuse'; readonly code: RuleCode | AccountCode });

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Debits of `recentDebits` inside the rolling window that ends at `now`. */
function debitsInWindow(recent: readonly number[], policy: RiskPolicy, now: number): number[] {
  const since = now - policy.velocity.windowMinutes * MINUTE_MS;
  return recent.filter((at) => at > since);
}

function accountRefusal(account: DebitAccountView, amount: number): AccountCode | undefined {
  if (account.status === 'CLOSED') return 'ACCOUNT_CLOSED';
  if (account.status === 'FROZEN') return 'ACCOUNT_FROZEN';
  if (account.balance - account.held < amount) return 'INSUFFICIENT_FUNDS';
  return undefined;
}

function rulesThatFire(check: DebitCheck, inWindow: readonly number[], enforced: boolean): RuleHit[] {
  const { policy, account, amount, now } = check;
  const hits: RuleHit[] = [];
  if (inWindow.length >= policy.velocity.maxDebits) hits.push({ rule: 'velocity', effect: 'refuse', code: 'VELOCITY_LIMIT', enforced });
  const ageMs = now.getTime() - Date.parse(account.createdAt);
  // An unreadable createdAt counts as new: the cap is the safe side.
  const isNew = !(ageMs >= policy.newAccount.days * DAY_MS);
  if (policy.newAccount.days > 0 && isNew && amount > policy.newAccount.maxDebit) {
    hits.push({ rule: 'newAccount', effect: 'refuse', code: 'LIMIT_EXCEEDED', enforced });
  }
  if (amount >= policy.reviewAmount) hits.push({ rule: 'review', effect: 'hold', enforced });
  return hits;
}

/**
 * Decides a debit: account state first (closed, frozen, available funds: never waived), then the
 * policy's rules. A refusing rule wins over a hold; with both refusing rules, velocity's code is
 * reported. In shadow mode every rule is evaluated and reported, and the decision is `allow`.
 * A held debit counts towards velocity like a posted one (it reserves money at once).
 *
 * @example
 * const decision = evaluateDebit({ policy, account: item, amount: 50_000, now: new Date() });
 * if (decision.outcome === 'refuse') throw new BusinessRuleError(decision.code);
 * // write decision.recentDebits with the balance update, conditioned on the item's version
 */
export function evaluateDebit(check: DebitCheck): DebitDecision {
  const { policy, account, amount, now } = check;
  const recent = account.recentDebits ?? [];
  const inWindow = debitsInWindow(recent, policy, now.getTime());
  const enforced = policy.mode === 'enforce';
  const fired = rulesThatFire(check, inWindow, enforced);
  const base = { mode: policy.mode, fired };

  const accountCode = accountRefusal(account, amount);
  if (accountCode) return { ...base, outcome: 'refuse', code: accountCode, recentDebits: recent };
  const refusal = enforced ? fired.find((hit) => hit.effect === 'refuse') : undefined;
  if (refusal?.effect === 'refuse') return { ...base, outcome: 'refuse', code: refusal.code, recentDebits: recent };

  const recentDebits = [...inWindow, now.getTime()].sort((a, b) => a - b).slice(-policy.velocity.maxDebits);
  const held = enforced && fired.some((hit) => hit.effect === 'hold');
  return { ...base, outcome: held ? 'hold' : 'allow', recentDebits };
}
