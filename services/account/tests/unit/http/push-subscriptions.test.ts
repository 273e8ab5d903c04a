import { ValidationFailedError } from '../../../src/domain/errors';
import { checkPushEndpoint, KNOWN_PUSH_SERVICES, subscriptionId } from '../../../src/http/push-subscriptions';

const allowed = [...KNOWN_PUSH_SERVICES, '127.0.0.1:4443'];

describe('checkPushEndpoint', () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc:def',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
    'https://web.push.apple.com/QGuQyavXutnMH',
    'https://db5p.notify.windows.com/w/?token=x',
    'https://127.0.0.1:4443/push/abc',
  ])('accepts a browser push service: %s', (endpoint) => {
    expect(checkPushEndpoint(endpoint, allowed).href).toBe(new URL(endpoint).href);
  });

  it.each([
    ['plain http', 'http://fcm.googleapis.com/fcm/send/abc'],
    ['a foreign host', 'https://attacker.example/collect'],
    ['the instance metadata address', 'https://169.254.169.254/latest/meta-data/'],
    ['localhost', 'https://localhost/x'],
    ['a look-alike host', 'https://fcm.googleapis.com.evil.example/x'],
    ['a suffix that is not a subdomain', 'https://evilnotify.windows.com/x'],
    ['another port of an allowed host', 'https://127.0.0.1:22/x'],
    ['a port on a host allowed without one', 'https://fcm.googleapis.com:8443/x'],
    ['credentials in the URL', 'https://user:pw@fcm.googleapis.com/x'],
    ['not a URL', 'https://'],
  ])('refuses %s', (_name, endpoint) => {
    expect(() => checkPushEndpoint(endpoint, allowed)).toThrow(ValidationFailedError);
  });
});

describe('subscriptionId', () => {
  it('is stable per endpoint and differs between endpoints', () => {
    expect(subscriptionId('https://a/1')).toBe(subscriptionId('https://a/1'));
    expect(subscriptionId('https://a/1')).not.toBe(subscriptionId('https://a/2'));
    expect(subscriptionId('https://a/1')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
