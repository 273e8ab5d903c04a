import { awsCall, hasErrorName } from '../../../src/aws/translate-error';
import { AwsOperationError, BankctlError, NoCredentialsError, QueueNotFoundError } from '../../../src/errors';

function sdkError(name: string, message = name): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

describe('awsCall', () => {
  it('returns the result of a successful call', async () => {
    await expect(awsCall('Op', async () => 42)).resolves.toBe(42);
  });

  it('turns a credential chain failure into NoCredentialsError', async () => {
    await expect(awsCall('Op', async () => Promise.reject(sdkError('CredentialsProviderError', 'Could not load credentials from any providers')))).rejects.toThrow(
      NoCredentialsError,
    );
  });

  it('lets the caller map a missing resource', async () => {
    const notFound = (err: unknown): QueueNotFoundError | undefined => (hasErrorName(err, 'QueueDoesNotExist') ? new QueueNotFoundError('q') : undefined);
    await expect(awsCall('Op', async () => Promise.reject(sdkError('QueueDoesNotExist')), notFound)).rejects.toThrow('queue q not found');
  });

  it('explains a refused connection', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    await expect(awsCall('Op', async () => Promise.reject(refused))).rejects.toThrow(/cannot reach the AWS endpoint/);
  });

  it('wraps anything else with the operation name', async () => {
    const error = await awsCall('SendMessage', async () => Promise.reject(sdkError('Throttling', 'slow down'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsOperationError);
    expect(error).toHaveProperty('message', 'SendMessage failed: slow down');
  });

  it('passes bankctl errors through unchanged', async () => {
    const own = new BankctlError('mine');
    await expect(awsCall('Op', async () => Promise.reject(own))).rejects.toBe(own);
  });
});
