import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CHANNELS } from '@bank/topology';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CognitoIdentityProvider } from './adapters/cognito-identity-provider';
import { DynamoAccountStore } from './adapters/dynamo-account-store';
import { DynamoCustomerStore } from './adapters/dynamo-customer-store';
import { DynamoIdempotencyStore } from './adapters/dynamo-idempotency-store';
import { systemClock, systemIds } from './adapters/system';
import { loadConfig, type AccountServiceConfig } from './config';
import { AccountService } from './domain/account-service';
import type { ChannelRule } from './domain/channels';
import type { Clock, IdentityProvider, IdGenerator, Log } from './domain/ports';
import { createApi } from './http/api';
import type { ApiMetrics } from './http/api-metrics';

export interface ApiWiring {
  readonly dynamo?: DynamoDBClient;
  readonly cognito?: CognitoIdentityProviderClient;
  /** Replaces the Cognito adapter (tests of the HTTP layer without an identity provider). */
  readonly identity?: IdentityProvider;
  readonly config?: AccountServiceConfig;
  readonly log: Log;
  readonly metrics?: ApiMetrics;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Default: the channels declared in `@bank/topology`. */
  readonly channels?: readonly ChannelRule[];
}

/** The account core over DynamoDB and Cognito; shared by the API and the Cognito trigger. */
export function createAccountService(wiring: Omit<ApiWiring, 'log' | 'metrics'>, config: AccountServiceConfig): AccountService {
  const doc = DynamoDBDocumentClient.from(wiring.dynamo ?? new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return new AccountService({
    store: new DynamoAccountStore(doc, config.tableName),
    customers: new DynamoCustomerStore(doc, config.tableName),
    identity: wiring.identity ?? new CognitoIdentityProvider(wiring.cognito ?? new CognitoIdentityProviderClient({}), config.userPoolId),
    clock: wiring.clock ?? systemClock,
    ids: wiring.ids ?? systemIds(),
    channels: wiring.channels ?? CHANNELS,
    limits: config.limits,
  });
}

/** Builds the API function with DynamoDB and Cognito adapters; used by the Lambda handler, the local stack and tests. */
export function createAccountApi(wiring: ApiWiring): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  const config = wiring.config ?? loadConfig();
  const doc = DynamoDBDocumentClient.from(wiring.dynamo ?? new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const ids = wiring.ids ?? systemIds();
  const clock = wiring.clock ?? systemClock;
  return createApi({
    service: createAccountService({ ...wiring, ids, clock }, config),
    idempotency: new DynamoIdempotencyStore(doc, config.tableName, ids.token),
    nowMs: () => clock.now().getTime(),
    log: wiring.log,
    principal: { allowedClientIds: config.userPoolClientIds },
    push: config.push,
    ...(wiring.metrics ? { metrics: wiring.metrics } : {}),
  });
}
