import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

export interface LocalVerifierOptions {
  /** The AWS API emulator (it serves the pool's JWKS). */
  readonly endpoint: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The scope API methods require (API Gateway's `authorizationScopes`). */
  readonly scope: string;
  /** Tokens whose verdict is kept (the oldest is forgotten first). Default 10 000. */
  readonly cacheSize?: number;
  readonly now?: () => number;
}

/** Verifies an access token; throws on any problem. */
export type TokenVerifier = (token: string) => Promise<JwtPayload>;

/** How long API Gateway keeps a Cognito authorizer's verdict on a token (its default result TTL). */
export const VERDICT_TTL_MS = 300_000;

/**
 * The emulator publishes the pool's keys at `<endpoint>/<poolId>/.well-known/jwks.json` and routes
 * the request only when it carries an AWS-style Authorization header naming `cognito-idp`. The
 * verifier asks for the issuer's JWKS URI on AWS; this fetcher answers from the emulator instead,
 * so nothing ever leaves the machine.
 */
export function emulatorJwksFetcher(endpoint: string, region: string, userPoolId: string): Fetcher {
  const url = `${endpoint}/${userPoolId}/.well-known/jwks.json`;
  const authorization = `AWS4-HMAC-SHA256 Credential=local/20260101/${region}/cognito-idp/aws4_request, SignedHeaders=host, Signature=local`;
  return {
    async fetch() {
      const res = await fetch(url, { headers: { Authorization: authorization } });
      if (!res.ok) throw new Error(`JWKS request answered ${res.status}`);
      return res.arrayBuffer();
    },
  };
}

/**
 * Keeps each token's verdict, as API Gateway caches an authorizer's result: a token is verified
 * once per container, then trusted until it expires or for {@link VERDICT_TTL_MS}, whichever is
 * sooner. Refusals are not kept (a forged token costs a signature check every time, as on AWS).
 */
export function cachingVerifier(verify: TokenVerifier, options: { readonly cacheSize?: number; readonly now?: () => number } = {}): TokenVerifier {
  const now = options.now ?? Date.now;
  const size = options.cacheSize ?? 10_000;
  const verdicts = new Map<string, { readonly payload: JwtPayload; readonly until: number }>();
  return async (token) => {
    const kept = verdicts.get(token);
    if (kept && kept.until > now()) return kept.payload;
    verdicts.delete(token);
    const payload = await verify(token);
    const expires = typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
    verdicts.set(token, { payload, until: Math.min(expires, now() + VERDICT_TTL_MS) });
    if (verdicts.size > size) verdicts.delete(verdicts.keys().next().value ?? '');
    return payload;
  };
}

/**
 * The checks API Gateway's Cognito user pool authorizer makes, with AWS's own verifier
 * (`aws-jwt-verify`): RS256 signature against the pool's JWKS, issuer, `token_use: access`, the
 * app client, expiry, and the scope the methods require, on every call. Keys are fetched once
 * and cached.
 */
export async function createSignatureVerifier(options: LocalVerifierOptions): Promise<TokenVerifier> {
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: options.userPoolId, tokenUse: 'access', clientId: options.clientId, scope: options.scope },
    { jwksCache: new SimpleJwksCache({ fetcher: emulatorJwksFetcher(options.endpoint, options.region, options.userPoolId) }) },
  );
  await verifier.hydrate();
  return (token) => verifier.verify(token);
}

/** The local gateway's verifier: {@link createSignatureVerifier}, each token's verdict kept ({@link cachingVerifier}). */
export async function createTokenVerifier(options: LocalVerifierOptions): Promise<TokenVerifier> {
  return cachingVerifier(await createSignatureVerifier(options), options);
}
