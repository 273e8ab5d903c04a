import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoNotificationHistory } from '@bank/notifier-runtime/history';
import { DynamoCaseStore } from '@bank/risk-service/dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { busyOnThrottle } from './adapters/busy-on-throttle';
import { CognitoIdentityProvider } from './adapters/cognito-identity-provider';
import { systemClock, systemIds } from './adapters/system';
import { loadConfig } from './config';
import { createApi } from './http/api';
import { createAccountService, documentClient, policySource, type ApiWiring } from './wiring';

/** Builds the API function with DynamoDB and Cognito adapters; used by the Lambda handler, the local stack and tests. */
export function createAccountApi(wiring: ApiWiring): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  const config = wiring.config ?? loadConfig();
  // One DynamoDB client (one connection pool, one credential chain) for the core and the routes.
  const dynamo = busyOnThrottle(wiring.dynamo ?? new DynamoDBClient({}));
  const doc = documentClient(dynamo);
  const ids = wiring.ids ?? systemIds();
  const clock = wiring.clock ?? systemClock;
  // One policy cache for the rules and the policy routes: a PUT applies at once in this container.
  const policies = policySource(doc, config);
  const source = wiring.policies ?? policies.source;
  const identity = wiring.identity ?? new CognitoIdentityProvider(wiring.cognito ?? new CognitoIdentityProviderClient({}), config.userPoolId);
  return createApi({
    service: createAccountService({ ...wiring, dynamo, identity, ids, clock, policies: source }, config),
    risk: { policies: source, policyStore: policies.store, cases: new DynamoCaseStore({ client: doc, tableName: config.tableName }) },
    notifications: new DynamoNotificationHistory({ client: doc, tableName: config.deliveriesTableName }),
    nowMs: () => clock.now().getTime(),
    log: wiring.log,
    principal: { allowedClientIds: config.userPoolClientIds },
    push: config.push,
    ...(wiring.metrics ? { metrics: wiring.metrics } : {}),
  });
}
