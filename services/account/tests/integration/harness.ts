import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildTopology, IDENTITY } from '@bank/topology';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createAccountApi, DEFAULT_LIMITS, KNOWN_PUSH_SERVICES, type Limits, type Log } from '../../src/index';
import type { RiskPolicy } from '@bank/risk-policy';
import { PERMISSIVE_RISK_POLICY, StaticIdentityProvider, staticPolicy } from '../../src/testing/index';

/** Push settings of the test API: the browsers' push services plus a test host. */
export const TEST_PUSH = { allowedHosts: [...KNOWN_PUSH_SERVICES, 'push.test:8443'], vapidPublicKey: 'BTestVapidKey', maxSubscriptions: 3 };

export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function dynamoClient(): DynamoDBClient {
  return new DynamoDBClient(awsTestConfig());
}

/** Creates a fresh accounts table (same keys and stream as the real one) for one test file. */
export async function createAccountsTable(client: DynamoDBClient = dynamoClient()): Promise<string> {
  return createTableLike(client, buildTopology().accountsTable, uniqueName('accounts'));
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly json: Record<string, unknown>;
}

export type Call = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
  query?: Record<string, string>,
) => Promise<ApiResponse>;

/** A signed-in person as the API sees them: the claims the edge passes, and their identity's contacts. */
export interface TestUser {
  readonly sub: string;
  readonly operator: boolean;
  readonly email: string;
  readonly phone: string;
  readonly phoneVerified: boolean;
}

export function testUser(options: Partial<Omit<TestUser, 'sub'>> = {}): TestUser {
  const sub = randomUUID();
  return { sub, operator: false, email: `${sub.slice(0, 8)}@example.com`, phone: '+15555550100', phoneVerified: true, ...options };
}

/** The claims API Gateway's Cognito authorizer passes for an access token: every value a string. */
export function claimsFor(user: TestUser): Record<string, string> {
  return {
    sub: user.sub,
    username: user.sub,
    token_use: 'access',
    client_id: 'test-client',
    scope: IDENTITY.accessTokenScope,
    ...(user.operator ? { 'cognito:groups': IDENTITY.operatorsGroup } : {}),
  };
}

export interface TestApi {
  /** Calls as the default customer of this API. */
  readonly call: Call;
  readonly me: TestUser;
  /** Calls as another person (registered with the identity provider on first use); `null` sends no claims. */
  as(user: TestUser | null): Call;
}

/** An API function over the emulator with a fixed identity provider, and callers that build API Gateway proxy events. */
export function testApi(
  tableName: string,
  limits: Limits = DEFAULT_LIMITS,
  client = dynamoClient(),
  me: TestUser = testUser(),
  policy: RiskPolicy | 'stored' = PERMISSIVE_RISK_POLICY,
  deliveriesTableName = 'NotificationDeliveries',
): TestApi {
  const identity = new StaticIdentityProvider();
  const api = createAccountApi({
    dynamo: client,
    identity,
    config: { tableName, deliveriesTableName, limits, userPoolId: 'local_pool', userPoolClientIds: ['test-client'], push: TEST_PUSH, riskPolicyMaxAgeMs: 0 },
    // 'stored': the policy in the table (PUT /risk/policy), as deployed; otherwise a fixed one.
    ...(policy === 'stored' ? {} : { policies: staticPolicy(policy) }),
    log: silentLog,
  });
  const register = (user: TestUser) =>
    identity.add(user.sub, {
      customerId: user.sub,
      name: 'Test Customer',
      contacts: { email: { value: user.email, verified: true }, phone: { value: user.phone, verified: user.phoneVerified } },
    });
  const as = (user: TestUser | null): Call => {
    if (user) register(user);
    return async (method, path, body, headers = {}, query) => {
      const raw = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
      const event = {
        httpMethod: method,
        path,
        headers: { ...(raw !== null ? { 'Content-Type': 'application/json' } : {}), ...headers },
        queryStringParameters: query ?? null,
        body: raw,
        isBase64Encoded: false,
        requestContext: { requestId: randomUUID(), ...(user ? { authorizer: { claims: claimsFor(user) } } : {}) },
      } as unknown as APIGatewayProxyEvent; // only the fields the API reads
      const res: APIGatewayProxyResult = await api(event);
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(res.body) as Record<string, unknown>;
      } catch {
        json = {};
      }
      return { status: res.statusCode, headers: (res.headers ?? {}) as Record<string, string>, body: res.body, json };
    };
  };
  return { call: as(me), me, as };
}

/** The default customer's caller of a fresh API (most tests need only one customer). */
export function apiFor(tableName: string, limits: Limits = DEFAULT_LIMITS, client = dynamoClient(), me?: TestUser): Call {
  return testApi(tableName, limits, client, me).call;
}

export async function openAccount(call: Call, initialDeposit?: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', '/accounts', { ...(initialDeposit !== undefined ? { initialDeposit } : {}), ...extra });
  if (res.status !== 201) throw new Error(`open account failed: ${res.status} ${res.body}`);
  return String(res.json.accountId);
}

export async function balanceOf(call: Call, accountId: string): Promise<number> {
  const res = await call('GET', `/accounts/${accountId}`);
  return Number(res.json.balance);
}

export async function historyOf(call: Call, accountId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const res = await call('GET', `/accounts/${accountId}/transactions`, undefined, {}, { limit: '100', ...(cursor ? { cursor } : {}) });
    items.push(...(res.json.items as Record<string, unknown>[]));
    cursor = (res.json.nextCursor as string | null) ?? undefined;
  } while (cursor);
  return items;
}
