import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Log } from '../domain/ports';
import { noMetrics, type ApiMetrics } from './api-metrics';
import { HttpError, toProblem } from './problem';
import { header } from './request';
import { matchPath, ROUTES, type Route, type RouteDeps } from './routes';

export interface ApiDeps extends RouteDeps {
  readonly log: Log;
  readonly metrics?: ApiMetrics;
}

const CORRELATION = /^[\w.:-]{1,128}$/;

function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } {
  const matching = ROUTES.flatMap((route) => {
    const params = matchPath(route.path, path);
    return params ? [{ route, params }] : [];
  });
  const hit = matching.find((m) => m.route.method === method);
  if (hit) return hit;
  if (matching.length > 0) {
    const allow = matching.map((m) => m.route.method).join(', ');
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Use ${allow} on ${path}.`, { Allow: allow });
  }
  throw new HttpError(404, 'ROUTE_NOT_FOUND', `No route for ${method} ${path}.`);
}

/**
 * The API as one function over API Gateway REST proxy events: route, run, and map every error
 * to problem+json through the one table in problem.ts.
 */
export function createApi(deps: ApiDeps): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  const metrics = deps.metrics ?? noMetrics;
  return async (event) => {
    const started = Date.now();
    const supplied = header(event, 'x-correlation-id');
    const correlationId = supplied && CORRELATION.test(supplied) ? supplied : randomUUID();
    const common = { 'X-Correlation-Id': correlationId };
    let routePath = event.path;
    try {
      const { route, params } = findRoute(event.httpMethod, event.path);
      routePath = route.path;
      const { response, replayed } = await route.handle({ event, params, correlationId }, deps);
      if (event.httpMethod === 'POST') metrics.transaction(routePath, replayed ?? false);
      deps.log.info('request', { method: event.httpMethod, route: routePath, status: response.statusCode, replayed: replayed ?? false, correlationId, durationMs: Date.now() - started });
      return {
        statusCode: response.statusCode,
        headers: { 'Content-Type': 'application/json', ...common, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
        body: response.body,
      };
    } catch (err) {
      const { problem, headers, known } = toProblem(err);
      const extra = { method: event.httpMethod, route: routePath, status: problem.status, code: problem.code, correlationId, durationMs: Date.now() - started };
      metrics.rejection(problem.code);
      if (known) deps.log.info('request rejected', extra);
      else deps.log.error('request failed', { ...extra, error: err instanceof Error ? err.name : 'unknown', errorMessage: err instanceof Error ? err.message : undefined });
      return {
        statusCode: problem.status,
        headers: { 'Content-Type': 'application/problem+json', ...common, ...headers },
        body: JSON.stringify(problem),
      };
    }
  };
}
