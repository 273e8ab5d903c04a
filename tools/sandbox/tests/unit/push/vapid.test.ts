import webpush from 'web-push';
import { checkVapid } from '../../../src/push/vapid';

const AUDIENCE = 'https://127.0.0.1:4011';
const keys = webpush.generateVAPIDKeys();
const now = new Date();
const authorization = (options: { audience?: string; expiration?: number; publicKey?: string } = {}) =>
  webpush.getVapidHeaders(options.audience ?? AUDIENCE, 'mailto:ops@bank.example', options.publicKey ?? keys.publicKey, keys.privateKey, 'aes128gcm', options.expiration)
    .Authorization;

describe('checkVapid', () => {
  it('accepts a JWT signed by k for this push service, and names the sender', () => {
    expect(checkVapid(authorization(), AUDIENCE, now)).toEqual({ ok: true, subject: 'mailto:ops@bank.example', publicKey: keys.publicKey });
  });

  it('refuses a missing authorization with 401', () => {
    expect(checkVapid(undefined, AUDIENCE, now)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a JWT for another audience', () => {
    expect(checkVapid(authorization({ audience: 'https://fcm.googleapis.com' }), AUDIENCE, now)).toMatchObject({ ok: false, status: 401, reason: `JWT aud must be ${AUDIENCE}` });
  });

  it('refuses an expired JWT', () => {
    const expiredAt = Math.floor(now.getTime() / 1000) - 10;
    expect(checkVapid(authorization({ expiration: expiredAt }), AUDIENCE, now)).toMatchObject({ ok: false, reason: 'JWT has expired' });
  });

  it('refuses a JWT that k did not sign', () => {
    const other = webpush.generateVAPIDKeys().publicKey;
    const forged = authorization().replace(/k=[^,]+$/, `k=${other}`);
    expect(checkVapid(forged, AUDIENCE, now)).toMatchObject({ ok: false, status: 401, reason: 'JWT signature does not verify with k' });
  });

  it('refuses with 403 a key other than the one the subscription was made for', () => {
    expect(checkVapid(authorization(), AUDIENCE, now, webpush.generateVAPIDKeys().publicKey)).toMatchObject({ ok: false, status: 403 });
  });
});
