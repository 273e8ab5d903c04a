import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { accountServiceFreezer } from './adapters/account-service-freezer';
import { createRiskHandler } from './create-risk-handler';

/** Risk detection: EventBridge rule (money events) → SQS → this function (partial batch responses). */
const dynamodb = new DynamoDBClient({});
const detect = createRiskHandler({ freezer: accountServiceFreezer({ dynamodb }), clients: { dynamodb } });

export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => detect(event);
