import type { APIGatewayProxyEvent } from 'aws-lambda';
import { IDENTITY } from '@bank/topology';
import type { Principal } from '../domain/access';
import { HttpError } from './problem';

/** 401 with the challenge RFC 6750 asks for; the same answer whatever was wrong with the token. */
export class UnauthenticatedError extends HttpError {
  constructor(detail = 'Sign in and send your access token as "Authorization: Bearer <token>".') {
    super(401, 'UNAUTHENTICATED', detail, { 'WWW-Authenticate': 'Bearer' });
    this.name = 'UnauthenticatedError';
  }
}

export interface PrincipalOptions {
  /** App clients whose tokens the API takes; empty accepts any client of the pool (the authorizer checked the pool). */
  readonly allowedClientIds?: readonly string[];
}

/**
 * API Gateway's Cognito authorizer passes every claim as a string; an array claim such as
 * `cognito:groups` arrives as `"a,b"` (sometimes `"[a b]"`). The local server passes them the same way.
 */
export function groupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[,\s]+/)
    .filter((g) => g !== '');
}

/**
 * The caller, from the claims the edge verified and put on the request: API Gateway's Cognito
 * user pool authorizer in AWS, the local server's verifier on a laptop. Nothing else about the
 * caller is trusted (no id from a body or a header), and the token itself is never parsed here.
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>> | undefined, options: PrincipalOptions = {}): Principal {
  if (!claims) throw new UnauthenticatedError();
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthenticatedError();
  // Only access tokens: an ID token is for the client app, not for calling the API.
  if (claims.token_use !== 'access') throw new UnauthenticatedError('Send an access token, not an ID token.');
  const clientId = claims.client_id;
  const allowed = options.allowedClientIds ?? [];
  if (allowed.length > 0 && (typeof clientId !== 'string' || !allowed.includes(clientId))) throw new UnauthenticatedError();
  const username = typeof claims.username === 'string' && claims.username !== '' ? claims.username : sub;
  return { customerId: sub, username, operator: groupsClaim(claims['cognito:groups']).includes(IDENTITY.operatorsGroup) };
}

/** The claims where API Gateway's REST proxy integration puts them. */
export function claimsOf(event: APIGatewayProxyEvent): Readonly<Record<string, unknown>> | undefined {
  const authorizer: unknown = event.requestContext?.authorizer;
  if (typeof authorizer !== 'object' || authorizer === null || !('claims' in authorizer)) return undefined;
  const claims = authorizer.claims;
  return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
}
