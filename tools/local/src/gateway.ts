import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { findRoute, gatewayProblemBody, type ApiRouteDef, type GatewayProblem, GATEWAY_PROBLEMS } from '@bank/topology';
import type { TokenVerifier } from './token-verifier';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface GatewayOptions {
  readonly routes: readonly ApiRouteDef[];
  /** The function behind each `service` of the route table. */
  readonly services: Readonly<Partial<Record<ApiRouteDef['service'], ApiHandler>>>;
  readonly verify: TokenVerifier;
}

export function problemResult(problem: GatewayProblem): APIGatewayProxyResult {
  return {
    statusCode: problem.status,
    headers: { 'Content-Type': 'application/problem+json', ...(problem.headers ?? {}) },
    body: gatewayProblemBody(problem),
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `Tue Apr 04 18:39:39 UTC 2023`: how API Gateway writes a token's `exp` and `iat` claims. */
export function gatewayTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/**
 * A verified token's claims as API Gateway's Cognito authorizer passes them to Lambda: every
 * value a string, arrays comma-joined, `exp`/`iat` as dates.
 */
export function toGatewayClaims(payload: Readonly<Record<string, unknown>>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if ((name === 'exp' || name === 'iat') && typeof value === 'number') claims[name] = gatewayTime(value);
    else if (Array.isArray(value)) claims[name] = value.map(String).join(',');
    else if (value !== undefined && value !== null) claims[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return claims;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

function bearerToken(event: APIGatewayProxyEvent): string | undefined {
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string') return BEARER.exec(value.trim())?.[1];
  }
  return undefined;
}

/**
 * API Gateway in front of the functions, on a laptop: the route table decides which function
 * serves a request and whether it needs a token; a token is verified as the Cognito authorizer
 * would, and its claims are put where API Gateway puts them. An unknown route or a wrong method
 * goes to the account API, which answers 404 / 405 exactly as the stack's mock methods do.
 */
export function createGateway(options: GatewayOptions): ApiHandler {
  const fallback = options.services['account-api'];
  return async (event) => {
    const match = findRoute(options.routes, event.httpMethod, event.path);
    if (match.kind !== 'found') {
      if (!fallback) return problemResult(match.kind === 'not-found' ? GATEWAY_PROBLEMS.routeNotFound : GATEWAY_PROBLEMS.methodNotAllowed);
      return fallback(event);
    }
    const handler = options.services[match.route.service];
    if (!handler) return problemResult(GATEWAY_PROBLEMS.routeNotFound);
    if (match.route.access === 'public' || match.route.access === 'provider') return handler(event);
    const token = bearerToken(event);
    if (!token) return problemResult(GATEWAY_PROBLEMS.unauthenticated);
    let claims: Record<string, string>;
    try {
      claims = toGatewayClaims(await options.verify(token));
    } catch {
      // Forged, expired, another pool's, another client's, an ID token: all the same 401.
      return problemResult(GATEWAY_PROBLEMS.unauthenticated);
    }
    return handler({ ...event, requestContext: { ...event.requestContext, authorizer: { claims } } });
  };
}
