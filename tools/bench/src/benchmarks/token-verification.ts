import { IDENTITY } from '@bank/topology';
import { cachingVerifier, createSignatureVerifier, type TokenVerifier } from '@bank/local';
import { fmt, fmtRatio, type BenchRow } from '../report';
import { median, ratio } from '../stats';
import { requireTarget, type Benchmark } from './types';

/** Median wall time of one call of `verify` on `token`, in microseconds. */
async function timeVerify(verify: TokenVerifier, token: string, calls: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await verify(token);
    samples.push((performance.now() - t0) * 1000);
  }
  return median(samples);
}

/**
 * What the local gateway spends on a request's token: the Cognito authorizer's checks with
 * aws-jwt-verify (RS256 signature, issuer, token use, client, scope, expiry; JWKS fetched once),
 * and the same verdict kept per token, as API Gateway keeps an authorizer's result.
 */
export const tokenVerification: Benchmark = {
  name: 'Token verification',
  needsStack: true,
  async run(ctx) {
    const target = requireTarget(ctx);
    const calls = ctx.quick ? 200 : 2_000;
    const customer = await target.newCustomer();
    const options = { endpoint: target.endpoint, region: target.region, ...target.identity, scope: IDENTITY.accessTokenScope };
    const signature = await createSignatureVerifier(options);
    const cached = cachingVerifier(signature);
    await cached(customer.accessToken);
    ctx.progress.start('verifications', 2);
    // Interleaved halves, so drift hits both alike.
    const uncachedTimes: number[] = [];
    const cachedTimes: number[] = [];
    for (let half = 0; half < 2; half++) {
      uncachedTimes.push(await timeVerify(signature, customer.accessToken, calls / 2));
      cachedTimes.push(await timeVerify(cached, customer.accessToken, calls / 2));
      ctx.progress.increment();
    }
    ctx.progress.stop();
    const uncached = median(uncachedTimes);
    const kept = median(cachedTimes);
    const rows: BenchRow[] = [
      {
        benchmark: 'Token verification',
        metric: 'per request through the local gateway, verdict kept per token vs verified every time',
        ours: fmt(kept, ' µs'),
        baseline: fmt(uncached, ' µs'),
        ratio: fmtRatio(ratio(kept, uncached)),
        method: `median of ${calls / 2} calls × 2 interleaved halves on one access token; baseline: aws-jwt-verify's full check (RS256 signature, issuer, token_use, client, scope, expiry) with the pool's JWKS cached; ours: the gateway's verifier, which verifies a token once per process and keeps the verdict until the token expires (at most 5 min, API Gateway's authorizer cache)`,
      },
    ];
    return { rows, data: { calls, uncachedMedianUs: uncached, cachedMedianUs: kept } };
  },
};
