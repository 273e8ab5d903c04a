import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { powertoolsLog } from '../adapters/powertools-log';
import { SnsEventBridgePublisher } from '../adapters/sns-eventbridge-publisher';
import { streamRecordsToChanges } from '../adapters/stream-records';
import { relayChanges } from '../relay/relay';

const logger = new Logger({ serviceName: 'outbox-relay' });
const log = powertoolsLog(logger);
const publisher = new SnsEventBridgePublisher(new SNSClient({}), new EventBridgeClient({}), {
  topicArn: process.env.TOPIC_ARN ?? '',
  eventBusName: process.env.EVENT_BUS_NAME ?? 'bank-events',
});

/** DynamoDB stream (the outbox) → schema-validated events on SNS and EventBridge. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const result = await relayChanges(streamRecordsToChanges(event.Records), publisher, log);
  return { batchItemFailures: result.failedAt ? [{ itemIdentifier: result.failedAt }] : [] };
};
