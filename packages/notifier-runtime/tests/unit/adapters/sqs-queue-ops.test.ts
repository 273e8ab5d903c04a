import { queueNameFromArn } from '../../../src/adapters/sqs-queue-ops';
import { NotifierConfigError } from '../../../src/errors';

describe('queueNameFromArn', () => {
  it('takes the queue name from an SQS ARN', () => {
    expect(queueNameFromArn('arn:aws:sqs:us-east-1:123456789012:notify-sms')).toBe('notify-sms');
  });

  it('rejects something that is not an ARN', () => {
    expect(() => queueNameFromArn('notify-sms')).toThrow(NotifierConfigError);
  });
});
