import { API_ROUTES } from '@bank/topology';
import { ACCOUNT_API_ROUTES } from '../../../src/http/api';
import { InMemoryRiskPolicyStore } from '@bank/risk-policy/testing';
import { routeHandlers } from '../../../src/http/routes';
import { staticPolicy } from '../../../src/testing/index';

const ROUTE_HANDLERS = routeHandlers(
  { allowedHosts: [], vapidPublicKey: '', maxSubscriptions: 1 },
  { policies: staticPolicy(), policyStore: new InMemoryRiskPolicyStore(), cases: { list: async () => ({ items: [] }) } },
  { list: async () => ({ items: [], nextCursor: null }) },
);

describe('the route table and the handlers', () => {
  it('implements exactly the account-api routes of the one route table', () => {
    expect(Object.keys(ROUTE_HANDLERS).sort()).toEqual(ACCOUNT_API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('serves every route of the table that is not another function\'s', () => {
    expect(ACCOUNT_API_ROUTES).toEqual(API_ROUTES.filter((r) => r.service === 'account-api'));
  });
});
