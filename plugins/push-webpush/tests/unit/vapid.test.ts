import { createECDH, createPublicKey, verify } from 'node:crypto';
import { VAPID_TOKEN_SECONDS, vapidAuthorization, vapidSigningKey } from '../../src/vapid';

function keyPair() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { publicKey: ecdh.getPublicKey('base64url'), privateKey: ecdh.getPrivateKey('base64url'), subject: 'mailto:alerts@bank.example' };
}

const part = (jwt: string, index: number): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[index] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('vapidAuthorization', () => {
  it('is an ES256 JWT for the push service origin, valid 12 hours, signed with the key it names', () => {
    const keys = keyPair();
    const now = Date.UTC(2026, 0, 1);

    const header = vapidAuthorization('https://push.example.net/send/abc?x=1', keys, vapidSigningKey(keys), now);

    const [, token, key] = /^vapid t=([^,]+), k=(.+)$/.exec(header) ?? [];
    expect(key).toBe(keys.publicKey);
    expect(part(token ?? '', 0)).toEqual({ typ: 'JWT', alg: 'ES256' });
    expect(part(token ?? '', 1)).toEqual({ aud: 'https://push.example.net', exp: now / 1000 + VAPID_TOKEN_SECONDS, sub: keys.subject });
    const [head, body, signature] = (token ?? '').split('.');
    const point = Buffer.from(keys.publicKey, 'base64url');
    const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${head}.${body}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature ?? '', 'base64url'))).toBe(true);
  });
});

describe('vapidSigningKey', () => {
  it('refuses a private key that is not the public key\'s', () => {
    expect(() => vapidSigningKey({ publicKey: keyPair().publicKey, privateKey: keyPair().privateKey })).toThrow('vapidPublicKey is not the public key of vapidPrivateKey');
  });

  it('refuses a public key that is not an uncompressed P-256 point', () => {
    const keys = keyPair();
    expect(() => vapidSigningKey({ ...keys, publicKey: Buffer.alloc(33, 2).toString('base64url') })).toThrow(/uncompressed P-256 point/);
  });
});
