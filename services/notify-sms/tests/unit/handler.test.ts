import { handler } from '../../src/handler';

describe('notify-sms handler', () => {
  it('answers an empty batch with no failures', async () => {
    expect(await handler({ Records: [] })).toEqual({ batchItemFailures: [] });
  });

  it('reports a record from a queue it does not serve as a failure', async () => {
    const record = {
      messageId: 'm1',
      receiptHandle: 'rh',
      body: '{}',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:notify-email',
      awsRegion: 'us-east-1',
    };
    expect(await handler({ Records: [record] })).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });
});
