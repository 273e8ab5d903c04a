import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAccountApi, loadConfig } from '@bank/account-service';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { countDynamoCalls, splitReadsWrites } from '../call-counter';
import type { BenchRow } from '../report';
import { requireTarget, type Benchmark } from './types';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The API Gateway proxy event the handler receives, with the claims of an access token. */
function proxyEvent(claims: Readonly<Record<string, string>>, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): APIGatewayProxyEvent {
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers: { 'Content-Type': 'application/json', ...headers },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId: randomUUID(), authorizer: { claims } } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

interface Command {
  readonly label: string;
  readonly money: boolean;
  readonly event: () => APIGatewayProxyEvent;
}

/** Describes counts like `GetItem ×1, TransactWriteItems ×1`. */
function describe(counts: Readonly<Record<string, number>>, samples: number): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name.replace(/Command$/, '')} ×${+(n / samples).toFixed(2)}`)
    .join(', ');
}

export const dynamoCalls: Benchmark = {
  name: 'DynamoDB calls per command',
  needsStack: true,
  async run(ctx) {
    const target = requireTarget(ctx);
    const dynamo = new DynamoDBClient({ endpoint: target.endpoint, region: target.region });
    const counter = countDynamoCalls(dynamo);
    const config = { ...loadConfig(), tableName: target.accountsTable };
    const api = createAccountApi({ dynamo, config, log: silent });
    const call = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
      const res = await api(event);
      if (res.statusCode >= 300) throw new Error(`${event.httpMethod} ${event.path} answered ${res.statusCode}: ${res.body}`);
      return res;
    };
    const { sub } = await target.newCustomer();
    // The claims API Gateway's authorizer would pass for the customer's access token.
    const claims = { sub, username: sub, token_use: 'access', client_id: config.userPoolClientIds[0] ?? '' };
    const event = (method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) => proxyEvent(claims, method, path, body, headers);
    const off = Object.fromEntries(target.topology.channels.map((c) => [c.name, false]));
    const opened = async () => {
      const res = await call(event('POST', '/accounts', { notifications: off, initialDeposit: 1000 }));
      return String((JSON.parse(res.body) as { accountId: unknown }).accountId);
    };
    const a = await opened();
    const b = await opened();
    const commands: Command[] = [
      { label: 'open account (with initial deposit)', money: false, event: () => event('POST', '/accounts', { notifications: off, initialDeposit: 10 }) },
      { label: 'deposit', money: true, event: () => event('POST', '/deposit', { accountId: a, amount: 5 }) },
      { label: 'withdraw', money: true, event: () => event('POST', '/withdraw', { accountId: a, amount: 1 }) },
      { label: 'transfer', money: true, event: () => event('POST', '/transfer', { fromAccountId: a, toAccountId: b, amount: 1 }) },
      {
        label: 'deposit with Idempotency-Key',
        money: true,
        event: () => event('POST', '/deposit', { accountId: a, amount: 5 }, { 'Idempotency-Key': randomUUID() }),
      },
      { label: 'balance (GET /accounts/{id})', money: false, event: () => event('GET', `/accounts/${a}`) },
      { label: 'history (GET /accounts/{id}/transactions)', money: false, event: () => event('GET', `/accounts/${a}/transactions`) },
    ];
    const samples = ctx.quick ? 2 : 5;
    // The risk policy is read at most every 30 s (as deployed): one debit first fills the cache.
    await call(event('POST', '/withdraw', { accountId: b, amount: 1 }));
    ctx.progress.start('commands', commands.length * samples);
    const rows: BenchRow[] = [];
    const data: Record<string, unknown> = {};
    for (const command of commands) {
      counter.reset();
      for (let i = 0; i < samples; i++) {
        await call(command.event());
        ctx.progress.increment();
      }
      const counts = counter.snapshot();
      const { reads, writes } = splitReadsWrites(counts);
      const perReads = reads / samples;
      const perWrites = writes / samples;
      data[command.label] = { samples, perCommand: Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / samples])) };
      rows.push({
        benchmark: 'DynamoDB calls',
        metric: command.label,
        ours: `${+perReads.toFixed(2)} read + ${+perWrites.toFixed(2)} write (${describe(counts, samples)})`,
        baseline: command.money ? 'goal: 1 read + 1 write' : '',
        ratio: command.money ? (perReads === 1 && perWrites === 1 ? 'goal met' : 'goal NOT met') : '',
        method: `SDK initialize-step middleware counting commands on the DynamoDBClient passed to createAccountApi; mean of ${samples} calls of the real handler against moto, the risk policy cached as deployed (filled by one debit first). A movement reads its account(s) once (consistent; with an Idempotency-Key the key's answer in the same BatchGetItem) and writes once (one TransactWriteItems, the key's answer included)`,
      });
    }
    ctx.progress.stop();
    counter.detach();
    dynamo.destroy();
    return { rows, data };
  },
};
