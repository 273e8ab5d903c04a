import { API_ROUTES, pathParameters } from '../../src/api-routes';

describe('pathParameters', () => {
  it('lists the path parameters of a route', () => {
    expect(pathParameters('/accounts/{accountId}/transactions')).toEqual(['accountId']);
  });

  it('is empty for a path without parameters', () => {
    expect(pathParameters('/deposit')).toEqual([]);
  });
});

describe('API_ROUTES', () => {
  it('covers the contract of DESIGN §3', () => {
    expect(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /accounts/{accountId}',
      'GET /accounts/{accountId}/transactions',
      'GET /health',
      'POST /accounts',
      'POST /deposit',
      'POST /transfer',
      'POST /withdraw',
    ]);
  });
});
