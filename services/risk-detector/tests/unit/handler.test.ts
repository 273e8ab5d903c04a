import type { SQSRecord } from 'aws-lambda';
import { handler } from '../../src/handler';

const sqsRecord = (body: string, queueArn: string): SQSRecord => ({
  messageId: 'msg-1',
  receiptHandle: 'rh-1',
  body,
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: 'us-east-1',
});

describe('risk handler', () => {
  it('answers an empty batch with no failures', async () => {
    expect(await handler({ Records: [] })).toEqual({ batchItemFailures: [] });
  });

  it('leaves an invalid message from a queue without a known DLQ to SQS redrive (a failure, not a loss)', async () => {
    const record = sqsRecord('not json', 'arn:aws:sqs:us-east-1:000000000000:not-in-the-topology');
    expect(await handler({ Records: [record] })).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
  });
});
