import { PermanentError, RetryableError } from '@bank/plugin-sdk';
import { classifySmtpError } from '../../src/index';

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('smtp'), fields);

describe('classifySmtpError', () => {
  it.each([421, 450, 451, 452])('treats reply %i as retryable', (responseCode) => {
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE', responseCode }))).toBeInstanceOf(RetryableError);
  });

  it.each([550, 553, 554, 535])('treats reply %i as permanent', (responseCode) => {
    const error = classifySmtpError(smtpError({ code: 'EENVELOPE', responseCode }));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error.providerCode).toBe(responseCode);
  });

  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS'])('treats %s without a reply as retryable', (code) => {
    expect(classifySmtpError(smtpError({ code }))).toBeInstanceOf(RetryableError);
  });

  it('treats an envelope refused before reaching the server as permanent', () => {
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE' }))).toBeInstanceOf(PermanentError);
  });

  it('treats an unknown failure as retryable', () => {
    expect(classifySmtpError(new Error('?'))).toBeInstanceOf(RetryableError);
  });
});
