import type { APIGatewayProxyEvent } from 'aws-lambda';
import { AccountService } from '../../../src/domain/account-service';
import { createApi } from '../../../src/http/api';
import { InMemoryRiskPolicyStore } from '@bank/risk-policy/testing';
import { CHANNELS } from '@bank/topology';
import { InMemoryAccountStore, InMemoryCustomerStore, StaticIdentityProvider, staticPolicy } from '../../../src/testing/index';

function api() {
  const customers = new InMemoryCustomerStore();
  const store = new InMemoryAccountStore(customers);
  const seen: string[] = [];
  let n = 0;
  const service = new AccountService({
    store,
    customers,
    identity: new StaticIdentityProvider().add('sub-a', { customerId: 'sub-a', contacts: {} }),
    channels: CHANNELS,
    policies: staticPolicy(),
    clock: { now: () => new Date('2026-11-24T00:00:00Z') },
    ids: { transactionId: () => `01J${String(++n).padStart(23, '0')}`, accountId: () => 'acct-1' },
  });
  const handle = createApi({
    service,
    nowMs: () => 0,
    push: { allowedHosts: [], vapidPublicKey: '', maxSubscriptions: 1 },
    risk: { policies: staticPolicy(), policyStore: new InMemoryRiskPolicyStore(), cases: { list: async () => ({ items: [] }) } },
    notifications: { list: async () => ({ items: [], nextCursor: null }) },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    metrics: { transaction: (route, replayed) => seen.push(`tx ${route}${replayed ? ' replay' : ''}`), rejection: (code) => seen.push(`rej ${code}`) },
  });
  const call = (method: string, path: string, body?: unknown) =>
        handle({
      httpMethod: method,
      path,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      requestContext: { authorizer: { claims: { sub: 'sub-a', username: 'sub-a', token_use: 'access' } } },
    } as unknown as APIGatewayProxyEvent);
  return { call, seen };
}

describe('API metrics', () => {
  it('counts transactions by route and rejections by code', async () => {
    const { call, seen } = api();
    await call('POST', '/accounts', {});
    await call('POST', '/deposit', { accountId: 'acct-1', amount: 5 });
    await call('POST', '/withdraw', { accountId: 'acct-1', amount: 50 });
    await call('GET', '/accounts/acct-1');
    expect(seen).toEqual(['tx /accounts', 'tx /deposit', 'rej INSUFFICIENT_FUNDS']);
  });
});
