import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { idempotencyRecordKey } from '../../src/http/idempotency';
import { balanceOf, createAccountsTable, dynamoClient, historyOf, openAccount, testApi, testUser, type Call, type TestApi } from './harness';

let table: string;
let api: TestApi;
let call: Call;

beforeAll(async () => {
  table = await createAccountsTable();
  api = testApi(table);
  call = api.call;
});

/** A DynamoDB client that records the name of every command the API sends through it. */
function countingClient(): { client: ReturnType<typeof dynamoClient>; commands: string[] } {
  const client = dynamoClient();
  const commands: string[] = [];
  client.middlewareStack.add((next, context) => async (args) => {
    commands.push(String(context.commandName));
    return next(args);
  }, { step: 'initialize' });
  return { client, commands };
}

describe('Idempotency-Key', () => {
  it('replays the stored response byte for byte and posts once', async () => {
    const id = await openAccount(call, 50);
    const headers = { 'Idempotency-Key': 'dep-1' };
    const first = await call('POST', '/deposit', { accountId: id, amount: 10 }, headers);
    const second = await call('POST', '/deposit', { amount: 10, accountId: id }, headers);
    expect(first.status).toBe(200);
    expect(first.headers['Idempotent-Replayed']).toBeUndefined();
    expect(second.headers['Idempotent-Replayed']).toBe('true');
    expect(second.body).toBe(first.body);
    expect(await balanceOf(call, id)).toBe(60);
    expect(await historyOf(call, id)).toHaveLength(2);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const id = await openAccount(call, 50);
    const headers = { 'Idempotency-Key': 'dep-2' };
    await call('POST', '/deposit', { accountId: id, amount: 10 }, headers);
    const res = await call('POST', '/deposit', { accountId: id, amount: 11 }, headers);
    expect([res.status, res.json.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await balanceOf(call, id)).toBe(60);
  });

  it('scopes a key to its endpoint', async () => {
    const id = await openAccount(call, 50);
    const headers = { 'Idempotency-Key': 'shared-key' };
    expect((await call('POST', '/deposit', { accountId: id, amount: 1 }, headers)).status).toBe(200);
    expect((await call('POST', '/withdraw', { accountId: id, amount: 1 }, headers)).status).toBe(200);
    expect(await historyOf(call, id)).toHaveLength(3);
  });

  it('frees the key after a failed command so a corrected retry can use it', async () => {
    const id = await openAccount(call, 5);
    const headers = { 'Idempotency-Key': 'wd-retry' };
    expect((await call('POST', '/withdraw', { accountId: id, amount: 10 }, headers)).json.code).toBe('INSUFFICIENT_FUNDS');
    await call('POST', '/deposit', { accountId: id, amount: 10 });
    const retry = await call('POST', '/withdraw', { accountId: id, amount: 10 }, headers);
    expect(retry.status).toBe(200);
    expect(retry.headers['Idempotent-Replayed']).toBeUndefined();
    expect(await balanceOf(call, id)).toBe(5);
  });

  it('posts exactly once for 20 parallel requests with one key, the others replaying its answer', async () => {
    const id = await openAccount(call);
    const headers = { 'Idempotency-Key': 'parallel-1' };
    const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/deposit', { accountId: id, amount: 7 }, headers)));
    const statuses = results.map((r) => (r.status === 200 ? (r.headers['Idempotent-Replayed'] ? 'replayed' : 'posted') : String(r.json.code)));
    expect(statuses.filter((s) => s === 'posted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'replayed')).toHaveLength(19);
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(await balanceOf(call, id)).toBe(7);
    expect(await historyOf(call, id)).toHaveLength(1);
  });

  it('posts once when two API instances race with one key: the loser of the write replays the winner\'s answer', async () => {
    const id = await openAccount(call, 10);
    // Two containers: no shared in-process lock, only the conditional write decides.
    const other = testApi(table, undefined, undefined, api.me).call;
    const headers = { 'Idempotency-Key': 'race-1' };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? call : other)('POST', '/withdraw', { accountId: id, amount: 3 }, headers)));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(results.filter((r) => !r.headers['Idempotent-Replayed'])).toHaveLength(1);
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(await balanceOf(call, id)).toBe(7);
    expect(await historyOf(call, id)).toHaveLength(2);
  });

  it('costs one read and one write, the calls of the same deposit without a key', async () => {
    const counting = countingClient();
    const counted = testApi(table, undefined, counting.client, api.me).call;
    const id = await openAccount(call, 1);

    counting.commands.length = 0;
    await counted('POST', '/deposit', { accountId: id, amount: 1 });
    const unkeyed = [...counting.commands];
    counting.commands.length = 0;
    await counted('POST', '/deposit', { accountId: id, amount: 1 }, { 'Idempotency-Key': 'cost-1' });
    const keyed = [...counting.commands];
    counting.commands.length = 0;
    await counted('POST', '/deposit', { accountId: id, amount: 1 }, { 'Idempotency-Key': 'cost-1' });

    expect(unkeyed).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    expect(keyed).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(counting.commands).toEqual(['BatchGetItemCommand']);
  });

  it('does not replay an answer past its day (still in the table until TTL removes it): the key posts again', async () => {
    const id = await openAccount(call, 1);
    const key = 'expired-1';
    const recordKey = idempotencyRecordKey({ callerId: api.me.sub, endpoint: 'POST /deposit' }, key);
    await dynamoClient().send(
      new PutItemCommand({
        TableName: table,
        Item: {
          AccountID: { S: recordKey },
          TransactionID: { S: 'IDEMPOTENCY' },
          status: { S: 'COMPLETED' },
          requestHash: { S: 'old' },
          response: { M: { statusCode: { N: '200' }, body: { S: '{"old":true}' } } },
          expiresAt: { N: String(Math.floor(Date.now() / 1000) - 60) },
        },
      }),
    );

    const res = await call('POST', '/deposit', { accountId: id, amount: 2 }, { 'Idempotency-Key': key });
    const again = await call('POST', '/deposit', { accountId: id, amount: 2 }, { 'Idempotency-Key': key });

    expect([res.status, res.headers['Idempotent-Replayed']]).toEqual([200, undefined]);
    expect([again.body, again.headers['Idempotent-Replayed']]).toEqual([res.body, 'true']);
    expect(await balanceOf(call, id)).toBe(3);
  });

  it('opens one account for a repeated POST /accounts with a key', async () => {
    const body = { initialDeposit: 3 };
    const headers = { 'Idempotency-Key': 'open-1' };
    const first = await call('POST', '/accounts', body, headers);
    const second = await call('POST', '/accounts', body, headers);
    expect(second.json.accountId).toBe(first.json.accountId);
    expect(second.status).toBe(201);
  });

  it('scopes a key to its caller: the same key from two customers is two requests', async () => {
    const mine = await openAccount(call, 10);
    const other = api.as(testUser());
    const theirs = await openAccount(other, 10);
    const headers = { 'Idempotency-Key': 'same-key-two-people' };
    const a = await call('POST', '/deposit', { accountId: mine, amount: 1 }, headers);
    const b = await other('POST', '/deposit', { accountId: theirs, amount: 1 }, headers);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.headers['Idempotent-Replayed']).toBeUndefined();
    expect([await balanceOf(call, mine), await balanceOf(other, theirs)]).toEqual([11, 11]);
  });

  it('does not replay one customer\'s stored response to another using the same key and body', async () => {
    const mine = await openAccount(call, 10);
    const headers = { 'Idempotency-Key': 'replay-probe' };
    await call('POST', '/deposit', { accountId: mine, amount: 2 }, headers);
    const probe = await api.as(testUser())('POST', '/deposit', { accountId: mine, amount: 2 }, headers);
    expect([probe.status, probe.json.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    expect(probe.body).not.toContain('newBalance');
    expect(await balanceOf(call, mine)).toBe(12);
  });

  it('rejects a malformed key with 400', async () => {
    const res = await call('POST', '/deposit', { accountId: 'x', amount: 1 }, { 'Idempotency-Key': 'has space' });
    expect(res.status).toBe(400);
  });
});
