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
  { method: 'GET', path: '/accounts/{accountId}/notifications', access: 'signed-in', service: 'account-api', queryParameters: ['limit', 'cursor'] },
  { method: 'POST', path: '/deposit', access: 'signed-in', service: 'account-api', bodySchema: 'DepositRequest', moneyMovement: true },
  { method: 'POST', path: '/withdraw', access: 'signed-in', service: 'account-api', bodySchema: 'WithdrawRequest', moneyMovement: true },
  { method: 'POST', path: '/transfer', access: 'signed-in', service: 'account-api', bodySchema: 'TransferRequest', moneyMovement: true },
  { method: 'POST', path: '/me/push-subscriptions', access: 'signed-in', service: 'account-api', bodySchema: 'PushSubscriptionRequest' },
  { method: 'GET', path: '/me/push-subscriptions', access: 'signed-in', service: 'account-api' },
  { method: 'DELETE', path: '/me/push-subscriptions/{subscriptionId}', access: 'signed-in', service: 'account-api' },
  { method: 'GET', path: '/push/vapid-public-key', access: 'signed-in', service: 'account-api' },
  { method: 'POST', path: '/accounts/{accountId}/freeze', access: 'operator', service: 'account-api', bodySchema: 'ReasonRequest' },
  { method: 'POST', path: '/accounts/{accountId}/unfreeze', access: 'operator', service: 'account-api' },
  { method: 'POST', path: '/accounts/{accountId}/close', access: 'signed-in', service: 'account-api' },
  { method: 'GET', path: '/holds', access: 'operator', service: 'account-api', queryParameters: ['status', 'limit', 'cursor'] },
  { method: 'POST', path: '/holds/{holdId}/approve', access: 'operator', service: 'account-api', moneyMovement: true },
  { method: 'POST', path: '/holds/{holdId}/decline', access: 'operator', service: 'account-api', bodySchema: 'ReasonRequest' },
  { method: 'GET', path: '/risk/policy', access: 'operator', service: 'account-api' },
  { method: 'PUT', path: '/risk/policy', access: 'operator', service: 'account-api' },
  { method: 'GET', path: '/risk/cases', access: 'operator', service: 'account-api', queryParameters: ['accountId', 'limit', 'cursor'] },
  // Providers' signed status callbacks: no token, the function verifies each provider's signature.
  { method: 'POST', path: '/webhooks/{provider}', access: 'provider', service: 'delivery-status' },
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

/** A problem the edge answers by itself (API Gateway's gateway responses, the local server's twins). */
export interface GatewayProblem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * What the edge answers before any function runs, by cause. The CDK stack turns these into gateway
 * responses and mock methods; the local server sends the same documents.
 */
export const GATEWAY_PROBLEMS = {
  unauthenticated: {
    status: 401,
    code: 'UNAUTHENTICATED',
    title: 'Unauthenticated',
    detail: 'Sign in and send your access token as "Authorization: Bearer <token>".',
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  forbidden: { status: 403, code: 'FORBIDDEN', title: 'Forbidden', detail: 'The token does not allow this request.' },
  routeNotFound: { status: 404, code: 'ROUTE_NOT_FOUND', title: 'Route not found', detail: 'No route for this method and path.' },
  methodNotAllowed: { status: 405, code: 'METHOD_NOT_ALLOWED', title: 'Method not allowed', detail: 'This path does not take this method; see the Allow header.' },
  badBody: { status: 400, code: 'VALIDATION_FAILED', title: 'The request is not valid', detail: 'The request body does not match the schema of this operation.' },
  badParameters: { status: 400, code: 'VALIDATION_FAILED', title: 'The request is not valid', detail: 'A request parameter is missing or not valid.' },
  tooLarge: { status: 413, code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large', detail: 'The request body is too large.' },
  unsupportedMediaType: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type', detail: 'Send the body as application/json.' },
  throttled: { status: 429, code: 'THROTTLED', title: 'Too many requests', detail: 'Request rate limit exceeded; retry later.', headers: { 'Retry-After': '1' } },
  internal: { status: 500, code: 'INTERNAL_ERROR', title: 'Internal error', detail: 'The request could not be completed.' },
} as const satisfies Readonly<Record<string, GatewayProblem>>;

/** The RFC 9457 document of a gateway problem (`type` as the API's own problems spell it). */
export function gatewayProblemBody(problem: GatewayProblem): string {
  return JSON.stringify({
    type: `urn:bank:problem:${problem.code.toLowerCase().replaceAll('_', '-')}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
  });
}
