import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createRiskHandler } from '@bank/risk-service/create-handler';
import { accountServiceFreezer } from './account-service-freezer';

/**
 * Risk detection: EventBridge rule (money events) → SQS → this function (partial batch responses).
 * The detection of `@bank/risk-service`, freezing through the account service's own command.
 */
const dynamodb = new DynamoDBClient({});
const detect = createRiskHandler({ freezer: accountServiceFreezer({ dynamodb }), clients: { dynamodb } });

export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => detect(event);
