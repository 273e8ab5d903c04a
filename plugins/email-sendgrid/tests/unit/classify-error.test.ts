import { PermanentError, RetryableError } from '@bank/plugin-sdk';
import { classifySendgridError } from '../../src/index';

const responseError = (code: number) => Object.assign(new Error('x'), { code, response: { headers: {}, body: '' } });

describe('classifySendgridError', () => {
  it.each([429, 500, 502, 503])('treats HTTP %i as retryable', (status) => {
    expect(classifySendgridError(responseError(status))).toBeInstanceOf(RetryableError);
  });

  it.each([400, 401, 403, 404, 413])('treats HTTP %i as permanent', (status) => {
    expect(classifySendgridError(responseError(status))).toBeInstanceOf(PermanentError);
  });

  it.each(['ECONNABORTED', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])('treats a %s network error as retryable', (code) => {
    const error = classifySendgridError(Object.assign(new Error('net'), { code }));

    expect(error).toBeInstanceOf(RetryableError);
    expect(error.providerCode).toBe(code);
  });

  it('treats an error of unknown shape as retryable', () => {
    expect(classifySendgridError('weird')).toBeInstanceOf(RetryableError);
  });
});
