import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CachedRiskPolicySource, type RiskPolicySource } from '@bank/risk-policy';
import { DynamoRiskPolicyStore } from '@bank/risk-policy/dynamodb';
import { CHANNELS } from '@bank/topology';
import { DynamoAccountStore } from './adapters/dynamo-account-store';
import { DynamoCustomerStore } from './adapters/dynamo-customer-store';
import { systemClock, systemIds } from './adapters/system';
import type { AccountServiceConfig } from './config';
import { AccountService } from './domain/account-service';
import { AccountServiceError } from './domain/errors';
import type { ChannelRule } from './domain/channels';
import type { Clock, IdentityProvider, IdGenerator, Log } from './domain/ports';
import type { ApiMetrics } from './http/api-metrics';

export interface ApiWiring {
  readonly dynamo?: DynamoDBClient;
  readonly cognito?: CognitoIdentityProviderClient;
  /**
   * Replaces the Cognito adapter (tests of the HTTP layer without an identity provider). The API
   * defaults to Cognito; `createAccountService` to none, so functions that never look an identity
   * up do not bundle the Cognito client.
   */
  readonly identity?: IdentityProvider;
  readonly config?: AccountServiceConfig;
  readonly log: Log;
  readonly metrics?: ApiMetrics;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Default: the channels declared in `@bank/topology`. */
  readonly channels?: readonly ChannelRule[];
  /** The risk policy debits are checked against; `createAccountApi` reads the stored one. Without it, a debit fails. */
  readonly policies?: RiskPolicySource;
}

/** The stored risk policy behind a cache of `config.riskPolicyMaxAgeMs`. */
export function policySource(doc: DynamoDBDocumentClient, config: AccountServiceConfig): { source: CachedRiskPolicySource; store: DynamoRiskPolicyStore } {
  const store = new DynamoRiskPolicyStore({ client: doc, tableName: config.tableName });
  return { store, source: new CachedRiskPolicySource(store, { maxAgeMs: config.riskPolicyMaxAgeMs }) };
}

export const documentClient = (dynamo: DynamoDBClient | undefined) =>
  DynamoDBDocumentClient.from(dynamo ?? new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

/** For functions that never look an identity up (the Cognito trigger, the hold expiry): a lookup is a bug. */
const noIdentityLookups: IdentityProvider = {
  lookup: () => Promise.reject(new AccountServiceError('this function has no identity provider: pass one in its wiring')),
};

/**
 * For functions that never debit (the Cognito trigger, the hold expiry, the fraud detection, the
 * delivery callbacks): a debit is a bug. Without the stored policy's store and its validator, their
 * bundles carry none of it.
 */
const noDebits: RiskPolicySource = {
  current: () => Promise.reject(new AccountServiceError('this function does not debit: pass the risk policy (`policies`) in its wiring')),
};

/**
 * The account core over DynamoDB; shared by the API, the Cognito trigger, the hold expiry and the
 * fraud detection. Identity lookups (opening an account, `GET /me`, turning a channel on) need
 * `wiring.identity`; the API passes Cognito's. Debits need `wiring.policies`; the API passes the
 * stored policy ({@link policySource}).
 */
export function createAccountService(wiring: Omit<ApiWiring, 'log' | 'metrics' | 'cognito'>, config: AccountServiceConfig): AccountService {
  const doc = documentClient(wiring.dynamo);
  return new AccountService({
    store: new DynamoAccountStore(doc, config.tableName),
    customers: new DynamoCustomerStore(doc, config.tableName),
    identity: wiring.identity ?? noIdentityLookups,
    clock: wiring.clock ?? systemClock,
    ids: wiring.ids ?? systemIds(),
    channels: wiring.channels ?? CHANNELS,
    policies: wiring.policies ?? noDebits,
    limits: config.limits,
  });
}
