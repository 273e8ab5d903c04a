import { sqsRecord } from '@bank/risk-service/testing';
import { handler } from '../../src/handler';

describe('risk handler', () => {
  it('answers an empty batch with no failures', async () => {
    expect(await handler({ Records: [] })).toEqual({ batchItemFailures: [] });
  });

  it('leaves an invalid message from a queue without a known DLQ to SQS redrive (a failure, not a loss)', async () => {
    const record = sqsRecord('not json', 'arn:aws:sqs:us-east-1:000000000000:not-in-the-topology');
    expect(await handler({ Records: [record] })).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
  });
});
