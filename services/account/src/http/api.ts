import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { API_ROUTES, findRoute, type ApiRouteDef } from '@bank/topology';
import type { Principal } from '../domain/access';
import { ForbiddenError } from '../domain/errors';
import type { Log } from '../domain/ports';
import { noMetrics, type ApiMetrics } from './api-metrics';
import { claimsOf, principalFromClaims, type PrincipalOptions } from './principal';
import { HttpError, toProblem } from './problem';
import { header } from './request';
import type { PushConfig } from './push-subscriptions';
import type { NotificationQueries } from './notification-routes';
import type { RiskDeps } from './risk-routes';
import { routeHandlers, type RouteDeps, type RouteHandler } from './routes';

export interface ApiDeps extends RouteDeps {
  readonly log: Log;
  readonly metrics?: ApiMetrics;
  readonly principal?: PrincipalOptions;
  readonly push: PushConfig;
  readonly risk: RiskDeps;
  readonly notifications: NotificationQueries;
}

const CORRELATION = /^[\w.:-]{1,128}$/;

/** The routes of the route table this function serves. */
export const ACCOUNT_API_ROUTES: readonly ApiRouteDef[] = API_ROUTES.filter((r) => r.service === 'account-api');

const routeKey = (route: ApiRouteDef) => `${route.method} ${route.path}`;

function resolve(
  handlers: Readonly<Record<string, RouteHandler>>,
  method: string,
  path: string,
): { route: ApiRouteDef; handler: RouteHandler; params: Readonly<Record<string, string>> } {
  const match = findRoute(ACCOUNT_API_ROUTES, method, path);
  if (match.kind === 'method-not-allowed') {
    const allow = match.allow.join(', ');
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Use ${allow} on this path.`, { Allow: allow });
  }
  const handler = match.kind === 'found' ? handlers[routeKey(match.route)] : undefined;
  if (match.kind !== 'found' || !handler) throw new HttpError(404, 'ROUTE_NOT_FOUND', `No route for ${method} ${path}.`);
  return { route: match.route, handler, params: match.params };
}

/** Who may call the route: the same decision API Gateway's authorizer makes, then the role. */
function authorize(route: ApiRouteDef, event: APIGatewayProxyEvent, options: PrincipalOptions | undefined): Principal | undefined {
  if (route.access === 'public' || route.access === 'provider') return undefined;
  const principal = principalFromClaims(claimsOf(event), options);
  if (route.access === 'operator' && !principal.operator) throw new ForbiddenError('This route is for operators.');
  return principal;
}

/**
 * The API as one function over API Gateway REST proxy events: route (from the one route table),
 * authorize, run, and map every error to problem+json through the one table in problem.ts.
 */
export function createApi(deps: ApiDeps): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  const metrics = deps.metrics ?? noMetrics;
  const handlers = routeHandlers(deps.push, deps.risk, deps.notifications);
  return async (event) => {
    const started = Date.now();
    const supplied = header(event, 'x-correlation-id');
    const correlationId = supplied && CORRELATION.test(supplied) ? supplied : randomUUID();
    // API Gateway's request id is the authoritative one; the client's correlation id is kept beside it.
    const requestId = event.requestContext?.requestId;
    const common = { 'X-Correlation-Id': correlationId };
    let routePath = 'unmatched';
    try {
      const { route, handler, params } = resolve(handlers, event.httpMethod, event.path);
      routePath = route.path;
      const principal = authorize(route, event, deps.principal);
      const { response, replayed } = await handler({ event, params, correlationId, principal }, deps);
      if (event.httpMethod === 'POST') metrics.transaction(routePath, replayed ?? false);
      deps.log.info('request', { method: event.httpMethod, route: routePath, status: response.statusCode, replayed: replayed ?? false, correlationId, requestId, durationMs: Date.now() - started });
      return {
        statusCode: response.statusCode,
        headers: { ...(response.body ? { 'Content-Type': 'application/json' } : {}), ...common, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
        body: response.body,
      };
    } catch (err) {
      const { problem, headers, known } = toProblem(err);
      const extra = { method: event.httpMethod, route: routePath, status: problem.status, code: problem.code, correlationId, requestId, durationMs: Date.now() - started };
      metrics.rejection(problem.code);
      // A known 5xx is ours, not the client's (the store throttled): worth a look, not a page.
      if (known && problem.status >= 500) deps.log.warn('request rejected', extra);
      else if (known) deps.log.info('request rejected', extra);
      else deps.log.error('request failed', { ...extra, error: err instanceof Error ? err.name : 'unknown', errorMessage: err instanceof Error ? err.message : undefined });
      return {
        statusCode: problem.status,
        headers: { 'Content-Type': 'application/problem+json', ...common, ...headers },
        body: JSON.stringify(problem),
      };
    }
  };
}
