import { callbackFailure, SENDGRID_RETRY_POLICY, TWILIO_DEFAULT_RETRY_POLICY, twilioCallbackTarget } from '../../../src/status-callbacks/retry-policy';

describe('twilioCallbackTarget', () => {
  it('posts a URL without a fragment as given, with the default policy (one retry when it could not connect)', () => {
    expect(twilioCallbackTarget('https://api.example.com/v1/webhooks/twilio?notificationKey=e%3Asms')).toEqual({
      url: 'https://api.example.com/v1/webhooks/twilio?notificationKey=e%3Asms',
      policy: TWILIO_DEFAULT_RETRY_POLICY,
    });
    expect(TWILIO_DEFAULT_RETRY_POLICY).toEqual({ retries: 1, on: new Set(['ct']) });
  });

  it('reads rc and rp from the fragment and leaves the fragment out of the URL', () => {
    expect(twilioCallbackTarget('https://api.example.com/v1/webhooks/twilio?k=1#rc=3&rp=5xx,ct,rt')).toEqual({
      url: 'https://api.example.com/v1/webhooks/twilio?k=1',
      policy: { retries: 3, on: new Set(['5xx', 'ct', 'rt']) },
    });
    expect(twilioCallbackTarget('https://a.example/cb#rp=all')).toEqual({ url: 'https://a.example/cb', policy: { retries: 1, on: new Set(['4xx', '5xx', 'ct', 'rt']) } });
    expect(twilioCallbackTarget('https://a.example/cb#rc=0')).toEqual({ url: 'https://a.example/cb', policy: { retries: 0, on: new Set(['ct']) } });
  });

  it('accepts the overrides it does not emulate (timeouts, edge)', () => {
    expect(twilioCallbackTarget('https://a.example/cb#ct=1000&rt=2000&tt=9000&e=dublin&rc=2&rp=5xx')).toEqual({ url: 'https://a.example/cb', policy: { retries: 2, on: new Set(['5xx']) } });
  });

  it.each([
    ['rc=6', 'rc must be 0 to 5'],
    ['rc=-1', 'rc must be 0 to 5'],
    ['rc=two', 'rc must be 0 to 5'],
    ['rp=5xx,sometimes', 'rp has an unknown retry policy: sometimes'],
    ['rp=', 'rp has an unknown retry policy: '],
  ])('refuses overrides Twilio refuses: #%s', (fragment, why) => {
    expect(twilioCallbackTarget(`https://a.example/cb#${fragment}`)).toEqual({ url: 'https://a.example/cb', invalid: why });
  });
});

describe('callbackFailure', () => {
  it.each([
    [{ httpStatus: 204 }, undefined],
    [{ httpStatus: 302 }, undefined],
    [{ httpStatus: 403 }, '4xx'],
    [{ httpStatus: 503 }, '5xx'],
    [{ error: 'TimeoutError' }, 'rt'],
    [{ error: 'TypeError' }, 'ct'],
  ])('%j → %s', (outcome, failure) => {
    expect(callbackFailure(outcome)).toBe(failure);
  });

  it('SendGrid retries what can pass later, never a 4xx', () => {
    expect([...SENDGRID_RETRY_POLICY.on].sort()).toEqual(['5xx', 'ct', 'rt']);
    expect(SENDGRID_RETRY_POLICY.retries).toBeGreaterThan(0);
  });
});
