import type { SQSRecord } from 'aws-lambda';

let count = 0;

/**
 * A Lambda SQS record as the risk queue delivers it (a new message id each call), for tests of
 * the risk handler and of what wires it.
 *
 * @example
 * await handler({ Records: [sqsRecord(JSON.stringify(eventBridgeEnvelope))] });
 */
export function sqsRecord(body: string, queueArn = 'arn:aws:sqs:us-east-1:000000000000:risk-events'): SQSRecord {
  count += 1;
  return {
    messageId: `msg-${count}`,
    receiptHandle: `rh-${count}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}
