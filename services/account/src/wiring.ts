import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DynamoAccountStore } from './adapters/dynamo-account-store';
import { DynamoIdempotencyStore } from './adapters/dynamo-idempotency-store';
import { systemClock, systemIds } from './adapters/system';
import { loadConfig, type AccountServiceConfig } from './config';
import { AccountService } from './domain/account-service';
import type { Clock, IdGenerator, Log } from './domain/ports';
import { createApi } from './http/api';
import type { ApiMetrics } from './http/api-metrics';

export interface ApiWiring {
  readonly dynamo?: DynamoDBClient;
  readonly config?: AccountServiceConfig;
  readonly log: Log;
  readonly metrics?: ApiMetrics;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
}

/** Builds the API function with DynamoDB adapters; used by the Lambda handler, the local stack and tests. */
export function createAccountApi(wiring: ApiWiring): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  const config = wiring.config ?? loadConfig();
  const doc = DynamoDBDocumentClient.from(wiring.dynamo ?? new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const ids = wiring.ids ?? systemIds();
  const clock = wiring.clock ?? systemClock;
  const service = new AccountService({ store: new DynamoAccountStore(doc, config.tableName), clock, ids, limits: config.limits });
  return createApi({
    service,
    idempotency: new DynamoIdempotencyStore(doc, config.tableName, ids.token),
    nowMs: () => clock.now().getTime(),
    log: wiring.log,
    ...(wiring.metrics ? { metrics: wiring.metrics } : {}),
  });
}
