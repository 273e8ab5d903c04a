import { API_ROUTES } from '@bank/topology';
import { DEFAULT_ROUTE_THROTTLES, methodThrottling } from '../../src/route-throttling';

const limits = { money: { rateLimit: 5, burstLimit: 10 }, other: { rateLimit: 50, burstLimit: 100 } };

describe('methodThrottling', () => {
  it('keys each route as API Gateway does, /<path>/<METHOD>', () => {
    expect(Object.keys(methodThrottling(API_ROUTES, limits)).sort()).toEqual(API_ROUTES.map((r) => `${r.path}/${r.method}`).sort());
  });

  it('gives deposit, withdraw and transfer the money limits', () => {
    const options = methodThrottling(API_ROUTES, limits);
    for (const key of ['/deposit/POST', '/withdraw/POST', '/transfer/POST']) {
      expect(options[key]).toEqual({ throttlingRateLimit: 5, throttlingBurstLimit: 10 });
    }
  });

  it('gives every other route the other limits, whatever its method', () => {
    const options = methodThrottling([{ method: 'GET', path: '/deposit' }, { method: 'PATCH', path: '/accounts/{accountId}' }], limits);
    expect(options).toEqual({
      '/deposit/GET': { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
      '/accounts/{accountId}/PATCH': { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    });
  });

  it('defaults to money limits below the read limits', () => {
    expect(DEFAULT_ROUTE_THROTTLES.money.burstLimit).toBeLessThan(DEFAULT_ROUTE_THROTTLES.other.burstLimit);
  });
});
