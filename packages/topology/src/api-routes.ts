/**
 * The one route table of the public HTTP API. The account service's router, the CDK stack
 * (resources, methods, authorizers, request models) and the local server all read it, so AWS
 * and the laptop answer the same 401, 403, 404 and 405.
 */

/**
 * Who may call a route, as the edge decides it:
 * - `public`: anyone (no token);
 * - `signed-in`: a valid Cognito access token (customer or operator); the handler decides ownership;
 * - `operator`: a valid access token whose user is in the operators group (the handler answers 403 otherwise);
 * - `provider`: a provider's signed callback, verified by the function itself (no Cognito authorizer).
 */
export type RouteAccess = 'public' | 'signed-in' | 'operator' | 'provider';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiRouteDef {
  readonly method: HttpMethod;
  /** Resource path as API Gateway spells it (`{accountId}` is a path parameter). */
  readonly path: string;
  readonly access: RouteAccess;
  /** The function that serves the route. */
  readonly service: 'account-api' | 'delivery-status';
  /** Name of the JSON request body schema in `@bank/schemas` (routes with a body). */
  readonly bodySchema?: string;
  /** Query string parameters the route reads (none required). */
  readonly queryParameters?: readonly string[];
  /** Money routes get the tighter throttle. */
  readonly moneyMovement?: boolean;
}

export const API_ROUTES: readonly ApiRouteDef[] = [
  { method: 'GET', path: '/health', access: 'public', service: 'account-api' },
  { method: 'GET', path: '/me', access: 'signed-in', service: 'account-api' },
  { method: 'GET', path: '/accounts', access: 'signed-in', service: 'account-api' },
  { method: 'POST', path: '/accounts', access: 'signed-in', service: 'account-api', bodySchema: 'OpenAccountRequest' },
  { method: 'GET', path: '/accounts/{accountId}', access: 'signed-in', service: 'account-api' },
  { method: 'PATCH', path: '/accounts/{accountId}', access: 'signed-in', service: 'account-api', bodySchema: 'UpdateAccountRequest' },
  { method: 'GET', path: '/accounts/{accountId}/transactions', access: 'signed-in', service: 'account-api', queryParameters: ['limit', 'cursor'] },
  { method: 'POST', path: '/deposit', access: 'signed-in', service: 'account-api', bodySchema: 'DepositRequest', moneyMovement: true },
  { method: 'POST', path: '/withdraw', access: 'signed-in', service: 'account-api', bodySchema: 'WithdrawRequest', moneyMovement: true },
  { method: 'POST', path: '/transfer', access: 'signed-in', service: 'account-api', bodySchema: 'TransferRequest', moneyMovement: true },
];

/** Path parameters of a route path, e.g. `/accounts/{accountId}` → `['accountId']`. */
export function pathParameters(routePath: string): string[] {
  return [...routePath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/** Matches a concrete path against a template; returns the decoded parameters, or undefined. */
export function matchRoutePath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        params[w.slice(1, -1)] = g; // not valid percent-encoding: the param validator rejects it
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: ApiRouteDef; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly HttpMethod[] }
  | { readonly kind: 'not-found' };

/** Finds the route for a request the way API Gateway does: by path, then by method. */
export function findRoute(routes: readonly ApiRouteDef[], method: string, path: string): RouteMatch {
  const matching = routes.flatMap((route) => {
    const params = matchRoutePath(route.path, path);
    return params ? [{ route, params }] : [];
  });
  const hit = matching.find((m) => m.route.method === method);
  if (hit) return { kind: 'found', route: hit.route, params: hit.params };
  if (matching.length > 0) return { kind: 'method-not-allowed', allow: [...new Set(matching.map((m) => m.route.method))] };
  return { kind: 'not-found' };
}
