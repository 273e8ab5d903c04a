import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildTopology } from '@bank/topology';
import { awsTestConfig, createTableLike, uniqueName } from '@bank/testing';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createAccountApi, DEFAULT_LIMITS, type Limits, type Log } from '../../src/index';

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

/** An API function over the emulator, and a caller that builds API Gateway proxy events. */
export function apiFor(tableName: string, limits: Limits = DEFAULT_LIMITS, client = dynamoClient()): Call {
  const api = createAccountApi({ dynamo: client, config: { tableName, limits }, log: silentLog });
  return async (method, path, body, headers = {}, query) => {
    const raw = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
    const event = {
      httpMethod: method,
      path,
      headers: { ...(raw !== null ? { 'Content-Type': 'application/json' } : {}), ...headers },
      queryStringParameters: query ?? null,
      body: raw,
      isBase64Encoded: false,
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
}

export async function openAccount(call: Call, initialDeposit?: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', '/accounts', {
    owner: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+15555550100' },
    ...(initialDeposit !== undefined ? { initialDeposit } : {}),
    ...extra,
  });
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
