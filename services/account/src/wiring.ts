import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CachedRiskPolicySource, type RiskPolicySource } from '@bank/risk-policy';
import { DynamoRiskPolicyStore } from '@bank/risk-policy/dynamodb';
import { DynamoCaseStore } from '@bank/risk-service/dynamodb';
import { CHANNELS } from '@bank/topology';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CognitoIdentityProvider } from './adapters/cognito-identity-provider';
import { DynamoAccountStore } from './adapters/dynamo-account-store';
import { DynamoCustomerStore } from './adapters/dynamo-customer-store';
import { DynamoIdempotencyStore } from './adapters/dynamo-idempotency-store';
import { notificationHistory } from './adapters/notification-history';
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
  /** Replaces the stored risk policy (tests that are not about risk use a permissive one). */
  readonly policies?: RiskPolicySource;
}

/** The stored risk policy behind a cache of `config.riskPolicyMaxAgeMs`. */
function policySource(doc: DynamoDBDocumentClient, config: AccountServiceConfig): { source: CachedRiskPolicySource; store: DynamoRiskPolicyStore } {
  const store = new DynamoRiskPolicyStore({ client: doc, tableName: config.tableName });
  return { store, source: new CachedRiskPolicySource(store, { maxAgeMs: config.riskPolicyMaxAgeMs }) };
}

const documentClient = (dynamo: DynamoDBClient | undefined) =>
  DynamoDBDocumentClient.from(dynamo ?? new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

/** The account core over DynamoDB and Cognito; shared by the API, the Cognito trigger, the hold expiry and the fraud detection. */
export function createAccountService(wiring: Omit<ApiWiring, 'log' | 'metrics'>, config: AccountServiceConfig): AccountService {
  const doc = documentClient(wiring.dynamo);
  return new AccountService({
    store: new DynamoAccountStore(doc, config.tableName),
    customers: new DynamoCustomerStore(doc, config.tableName),
    identity: wiring.identity ?? new CognitoIdentityProvider(wiring.cognito ?? new CognitoIdentityProviderClient({}), config.userPoolId),
    clock: wiring.clock ?? systemClock,
    ids: wiring.ids ?? systemIds(),
    channels: wiring.channels ?? CHANNELS,
    policies: wiring.policies ?? policySource(doc, config).source,
    limits: config.limits,
  });
}

/** Builds the API function with DynamoDB and Cognito adapters; used by the Lambda handler, the local stack and tests. */
export function createAccountApi(wiring: ApiWiring): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  const config = wiring.config ?? loadConfig();
  const doc = documentClient(wiring.dynamo);
  const ids = wiring.ids ?? systemIds();
  const clock = wiring.clock ?? systemClock;
  // One policy cache for the rules and the policy routes: a PUT applies at once in this container.
  const policies = policySource(doc, config);
  const source = wiring.policies ?? policies.source;
  return createApi({
    service: createAccountService({ ...wiring, ids, clock, policies: source }, config),
    risk: { policies: wiring.policies ? { current: () => source.current() } : policies.source, policyStore: policies.store, cases: new DynamoCaseStore({ client: doc, tableName: config.tableName }) },
    notifications: notificationHistory(doc, config.deliveriesTableName),
    idempotency: new DynamoIdempotencyStore(doc, config.tableName, ids.token),
    nowMs: () => clock.now().getTime(),
    log: wiring.log,
    principal: { allowedClientIds: config.userPoolClientIds },
    push: config.push,
    ...(wiring.metrics ? { metrics: wiring.metrics } : {}),
  });
}
