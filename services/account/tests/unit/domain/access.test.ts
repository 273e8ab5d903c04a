import { assertCanMove, assertCanRead, assertOperator, assertOwner } from '../../../src/domain/access';
import { AccountNotFoundError, ForbiddenError } from '../../../src/domain/errors';
import type { Account } from '../../../src/domain/model';

const account: Account = {
  accountId: 'acct-1',
  ownerId: 'owner',
  status: 'OPEN',
  balance: 0,
  held: 0,
  currency: 'USD',
  version: 1,
  notifications: {},
  recentDebits: [],
  createdAt: '',
  updatedAt: '',
};
const owner = { customerId: 'owner', username: 'owner', operator: false };
const stranger = { customerId: 'stranger', username: 'stranger', operator: false };
const operator = { customerId: 'ops', username: 'ops', operator: true };

describe('access decisions', () => {
  it.each([
    ['the owner reads', () => assertCanRead(owner, account), undefined],
    ['an operator reads', () => assertCanRead(operator, account), undefined],
    ['another customer reads', () => assertCanRead(stranger, account), AccountNotFoundError],
    ['the owner moves money', () => assertCanMove(owner, account), undefined],
    ['an operator moves money', () => assertCanMove(operator, account), undefined],
    ['another customer moves money', () => assertCanMove(stranger, account), AccountNotFoundError],
    ['the owner changes choices', () => assertOwner(owner, account), undefined],
    ['an operator changes choices', () => assertOwner(operator, account), ForbiddenError],
    ['another customer changes choices', () => assertOwner(stranger, account), AccountNotFoundError],
    ['an operator uses an operator power', () => assertOperator(operator, 'x'), undefined],
    ['a customer uses an operator power', () => assertOperator(owner, 'x'), ForbiddenError],
  ])('%s', (_name, decide, error) => {
    if (error) expect(decide).toThrow(error);
    else expect(decide).not.toThrow();
  });

  it('tells another customer the same thing as for a missing account', () => {
    expect(() => assertCanRead(stranger, account)).toThrow(new AccountNotFoundError('acct-1'));
  });
});
