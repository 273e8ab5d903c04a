/** One HTTP route of the account API, all served by the same Lambda function. */
export interface ApiRoute {
  readonly method: 'GET' | 'POST';
  /** Resource path as API Gateway spells it (`{accountId}` is a path parameter). */
  readonly path: string;
  /** Name of the request body schema under schemas/api/ (POST routes). */
  readonly bodySchema?: string;
  /** Query string parameters the route accepts (none required). */
  readonly queryParameters?: readonly string[];
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/health' },
  { method: 'POST', path: '/accounts', bodySchema: 'OpenAccountRequest' },
  { method: 'GET', path: '/accounts/{accountId}' },
  { method: 'GET', path: '/accounts/{accountId}/transactions', queryParameters: ['limit', 'cursor'] },
  { method: 'POST', path: '/deposit', bodySchema: 'DepositRequest' },
  { method: 'POST', path: '/withdraw', bodySchema: 'WithdrawRequest' },
  { method: 'POST', path: '/transfer', bodySchema: 'TransferRequest' },
];

/** Path parameters of a route path, e.g. `/accounts/{accountId}` → `['accountId']`. */
export function pathParameters(routePath: string): string[] {
  return [...routePath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}
