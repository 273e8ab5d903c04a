import { AccountNotFoundError, ForbiddenError } from './errors';
import type { Account } from './model';

/** Who is calling: the verified identity API Gateway (or the local server) put in front of the handler. */
export interface Principal {
  /** The Cognito `sub`: the id that owns accounts. */
  readonly customerId: string;
  /** The Cognito username, for the identity provider's admin API. */
  readonly username: string;
  readonly operator: boolean;
}

/**
 * Read access: the owner and operators. Anyone else is told the account does not exist, with the
 * same error and wording as for an unknown id, so that nobody learns which ids are taken.
 */
export function assertCanRead(principal: Principal, account: Account): void {
  if (!principal.operator && account.ownerId !== principal.customerId) throw new AccountNotFoundError(account.accountId);
}

/** Moving money out of (or into, for a deposit) an account: the owner and operators, as reading. */
export const assertCanMove = assertCanRead;

/** Owner-only changes (notification choices). An operator sees the account, so is told it is forbidden. */
export function assertOwner(principal: Principal, account: Account): void {
  assertCanRead(principal, account);
  if (account.ownerId !== principal.customerId) throw new ForbiddenError('Only the owner may change this account.');
}

/** Operator-only commands and choices (another customer's account, a chosen account id). */
export function assertOperator(principal: Principal, what: string): void {
  if (!principal.operator) throw new ForbiddenError(`Only operators may ${what}.`);
}
