import { PermanentError, RetryableError } from '@bank/plugin-sdk';
import { classifyTwilioError } from '../../src/index';

const restException = (status: number, code?: number) => Object.assign(new Error('twilio'), { status, code });

describe('classifyTwilioError', () => {
  it.each([21211, 21408, 21606, 21610, 21614])('treats Twilio code %i as permanent', (code) => {
    const error = classifyTwilioError(restException(400, code));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error.providerCode).toBe(code);
    expect(error.status).toBe(400);
  });

  it.each([
    [429, 20429],
    [500, 20500],
    [503, 20503],
  ])('treats HTTP %i with Twilio code %i as retryable', (status, code) => {
    expect(classifyTwilioError(restException(status, code))).toBeInstanceOf(RetryableError);
  });

  it.each([429, 500, 502, 503, 504])('treats HTTP %i without a known code as retryable', (status) => {
    expect(classifyTwilioError(restException(status))).toBeInstanceOf(RetryableError);
  });

  it.each([400, 401, 404])('treats an unknown HTTP %i as permanent', (status) => {
    expect(classifyTwilioError(restException(status, 29999))).toBeInstanceOf(PermanentError);
  });

  it.each(['ECONNABORTED', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET'])('treats a %s network error as retryable', (code) => {
    const error = classifyTwilioError(Object.assign(new Error('net'), { code }));

    expect(error).toBeInstanceOf(RetryableError);
    expect(error.providerCode).toBe(code);
  });

  it('lets a channel add its own codes', () => {
    const error = classifyTwilioError(restException(400, 63016), { permanent: { 63016: 'outside the 24 hour window' } });

    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('24 hour window');
  });
});
