import type { Account } from '../domain/model';

/**
 * An open account item as a store holds it, for tests that put one in place directly.
 *
 * @example store.accounts.set('acct-1', testAccount({ accountId: 'acct-1', balance: 100 }));
 */
export function testAccount(fields: Partial<Account> & Pick<Account, 'accountId'>): Account {
  return {
    ownerId: 'sub-ada',
    status: 'OPEN',
    balance: 0,
    held: 0,
    currency: 'USD',
    version: 1,
    notifications: {},
    recentDebits: [],
    createdAt: '2026-11-24T00:00:00Z',
    updatedAt: '2026-11-24T00:00:00Z',
    ...fields,
  };
}
