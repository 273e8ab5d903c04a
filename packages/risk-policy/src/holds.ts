/**
 * The review-hold state machine: PENDING → APPROVED | DECLINED | EXPIRED, decided exactly once.
 * Pure: the account service stores holds and makes each transition a conditional write on
 * `status = PENDING`, so two concurrent decisions post once; these functions say which
 * transitions are legal and what the decided hold looks like.
 */
import { HoldAlreadyDecidedError, HoldExpiredError, HoldNotDueError } from './errors';
import type { RiskPolicy } from './policy';

export type HoldStatus = 'PENDING' | 'APPROVED' | 'DECLINED' | 'EXPIRED';

/** What the state machine reads of a hold; the account service's hold record extends it. */
export interface HoldState {
  readonly status: HoldStatus;
  /** ISO timestamp after which an undecided hold is expired by the sweep. */
  readonly expiresAt: string;
}

/** Who decided, when and why; `by` is an operator id or `system` for the expiry sweep. */
export interface HoldDecisionRecord {
  readonly decidedAt: string;
  readonly decidedBy: string;
  readonly reason?: string;
}

export type HoldDecision =
  | { readonly kind: 'approve'; readonly at: Date; readonly by: string }
  | { readonly kind: 'decline'; readonly at: Date; readonly by: string; readonly reason?: string }
  | { readonly kind: 'expire'; readonly at: Date };

/** The actor recorded on holds the expiry sweep declines. */
export const EXPIRY_ACTOR = 'system';

const STATUS_OF = { approve: 'APPROVED', decline: 'DECLINED', expire: 'EXPIRED' } as const;

/**
 * When a hold made at `createdAt` expires under `policy` (ISO timestamp).
 *
 * @example
 * const hold = { holdId, status: 'PENDING', createdAt: now.toISOString(), expiresAt: holdExpiresAt(now, policy) };
 */
export function holdExpiresAt(createdAt: Date | string, policy: Pick<RiskPolicy, 'holdExpiryMinutes'>): string {
  const created = typeof createdAt === 'string' ? Date.parse(createdAt) : createdAt.getTime();
  return new Date(created + policy.holdExpiryMinutes * 60_000).toISOString();
}

/** True when a pending hold is past its expiry time and the sweep should expire it. */
export function isHoldDue(hold: HoldState, now: Date): boolean {
  return hold.status === 'PENDING' && now.getTime() >= Date.parse(hold.expiresAt);
}

/**
 * Applies a decision to a pending hold and returns the decided hold (a new object). Throws
 * HoldAlreadyDecidedError when the hold is not pending (a second decision), HoldExpiredError
 * when an operator decides at or after the expiry time, HoldNotDueError when the sweep expires
 * a hold too early. All three are HoldDecisionError (HTTP 409).
 *
 * @example
 * const approved = decideHold(hold, { kind: 'approve', at: new Date(), by: operatorId });
 * // write approved with ConditionExpression 'status = :pending', and post the debit in the same transaction
 */
export function decideHold<H extends HoldState>(hold: H, decision: HoldDecision): Omit<H, 'status'> & { status: HoldStatus } & HoldDecisionRecord {
  if (hold.status !== 'PENDING') throw new HoldAlreadyDecidedError(hold.status);
  const due = decision.at.getTime() >= Date.parse(hold.expiresAt);
  if (decision.kind === 'expire' && !due) throw new HoldNotDueError(hold.expiresAt);
  if (decision.kind !== 'expire' && due) throw new HoldExpiredError(hold.expiresAt);
  return {
    ...hold,
    status: STATUS_OF[decision.kind],
    decidedAt: decision.at.toISOString(),
    decidedBy: decision.kind === 'expire' ? EXPIRY_ACTOR : decision.by,
    ...(decision.kind === 'decline' && decision.reason !== undefined ? { reason: decision.reason } : {}),
    ...(decision.kind === 'expire' ? { reason: 'expired' } : {}),
  };
}
