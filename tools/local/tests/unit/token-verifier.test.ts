import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { cachingVerifier, VERDICT_TTL_MS } from '../../src/token-verifier';

function counting(exp: number) {
  const calls: string[] = [];
  const verify = async (token: string): Promise<JwtPayload> => {
    calls.push(token);
    if (token.startsWith('forged')) throw new Error('bad signature');
    return { sub: token, exp } as JwtPayload;
  };
  return { calls, verify };
}

describe('cachingVerifier', () => {
  it('verifies a token once, then trusts the verdict', async () => {
    let now = 1_000_000;
    const { calls, verify } = counting(now / 1000 + 3600);
    const cached = cachingVerifier(verify, { now: () => now });

    await cached('t1');
    now += 1000;
    const again = await cached('t1');

    expect(again.sub).toBe('t1');
    expect(calls).toEqual(['t1']);
  });

  it('verifies again once the token expired or the verdict is older than API Gateway keeps one', async () => {
    let now = 1_000_000;
    const short = counting(now / 1000 + 10);
    const cachedShort = cachingVerifier(short.verify, { now: () => now });
    await cachedShort('t1');
    now += 10_000;
    await cachedShort('t1');
    expect(short.calls).toEqual(['t1', 't1']);

    const long = counting(now / 1000 + 86_400);
    const cachedLong = cachingVerifier(long.verify, { now: () => now });
    await cachedLong('t2');
    now += VERDICT_TTL_MS;
    await cachedLong('t2');
    expect(long.calls).toEqual(['t2', 't2']);
  });

  it('keeps no refusal: a forged token is checked every time', async () => {
    const { calls, verify } = counting(Date.now() / 1000 + 3600);
    const cached = cachingVerifier(verify);

    await expect(cached('forged')).rejects.toThrow('bad signature');
    await expect(cached('forged')).rejects.toThrow('bad signature');

    expect(calls).toEqual(['forged', 'forged']);
  });

  it('forgets the oldest verdict beyond its size', async () => {
    const { calls, verify } = counting(Date.now() / 1000 + 3600);
    const cached = cachingVerifier(verify, { cacheSize: 2 });

    for (const token of ['a', 'b', 'c', 'a']) await cached(token);

    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
