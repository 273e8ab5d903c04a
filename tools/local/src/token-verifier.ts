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
}

/** Verifies an access token; throws on any problem. */
export type TokenVerifier = (token: string) => Promise<JwtPayload>;

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
 * The checks API Gateway's Cognito user pool authorizer makes, with AWS's own verifier
 * (`aws-jwt-verify`): RS256 signature against the pool's JWKS, issuer, `token_use: access`, the
 * app client, expiry, and the scope the methods require. Keys are fetched once and cached.
 */
export async function createTokenVerifier(options: LocalVerifierOptions): Promise<TokenVerifier> {
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: options.userPoolId, tokenUse: 'access', clientId: options.clientId, scope: options.scope },
    { jwksCache: new SimpleJwksCache({ fetcher: emulatorJwksFetcher(options.endpoint, options.region, options.userPoolId) }) },
  );
  await verifier.hydrate();
  return (token) => verifier.verify(token);
}
