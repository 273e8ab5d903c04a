import { AddressGoneError, PermanentError, RetryableError } from '@bank/plugin-sdk';
import { classifyPushError } from '../../src/classify-error';

const answered = (statusCode: number) => Object.assign(new Error('Received unexpected response code'), { statusCode });

describe('classifyPushError', () => {
  it.each([404, 410])('reads HTTP %i as a subscription that is gone', (status) => {
    expect(classifyPushError(answered(status))).toBeInstanceOf(AddressGoneError);
  });

  it.each([429, 500, 502, 503])('reads HTTP %i as worth retrying', (status) => {
    expect(classifyPushError(answered(status))).toBeInstanceOf(RetryableError);
  });

  it.each([400, 401, 403, 413])('reads HTTP %i as permanent, not gone', (status) => {
    const error = classifyPushError(answered(status));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).not.toBeInstanceOf(AddressGoneError);
  });

  it('reads a failure without an answer as worth retrying, keeping the network code', () => {
    expect(classifyPushError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ providerCode: 'ECONNREFUSED' });
  });
});
