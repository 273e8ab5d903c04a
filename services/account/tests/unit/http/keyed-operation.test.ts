import type { APIGatewayProxyEvent } from 'aws-lambda';
import { CHANNELS } from '@bank/topology';
import { AccountService } from '../../../src/domain/account-service';
import { IdempotencyKeyReusedError } from '../../../src/domain/errors';
import { keyedOperation } from '../../../src/http/keyed-operation';
import type { RouteContext } from '../../../src/http/route-kit';
import { InMemoryAccountStore, InMemoryCustomerStore, StaticIdentityProvider, staticPolicy } from '../../../src/testing/index';

const principal = { customerId: 'sub-op', username: 'sub-op', operator: true };

function setup() {
  const customers = new InMemoryCustomerStore();
  const store = new InMemoryAccountStore(customers);
  const service = new AccountService({
    store,
    customers,
    identity: new StaticIdentityProvider(),
    channels: CHANNELS,
    policies: staticPolicy(),
    clock: { now: () => new Date('2026-12-02T10:00:00Z') },
    ids: { transactionId: () => 'TX1', accountId: () => 'acct-1' },
  });
  let runs = 0;
  const operation = keyedOperation('POST /things/{id}/do', async () => {
    runs += 1;
    return { response: { statusCode: 200, body: `{"run":${runs}}` } };
  });
  const ctx = (id: string, key = 'k-1'): RouteContext => ({
    event: { headers: { 'Idempotency-Key': key }, body: null } as unknown as APIGatewayProxyEvent,
    params: { id },
    correlationId: 'c',
    principal,
  });
  const deps = { service, nowMs: () => 0 };
  return { store, operation, ctx, deps, runs: () => runs };
}

describe('keyedOperation', () => {
  it('runs once and replays the stored answer for the same key and request', async () => {
    const { operation, ctx, deps, runs } = setup();
    const first = await operation(ctx('a'), deps);
    const again = await operation(ctx('a'), deps);
    expect([first.response.body, again.response.body, again.replayed, runs()]).toEqual(['{"run":1}', '{"run":1}', true, 1]);
  });

  it('refuses the key sent with other path parameters, running nothing', async () => {
    const { operation, ctx, deps, runs } = setup();
    await operation(ctx('a'), deps);
    await expect(operation(ctx('b'), deps)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(runs()).toBe(1);
  });

  it('answers a succeeded operation even when its answer cannot be stored', async () => {
    const { store, operation, ctx, deps } = setup();
    store.rememberAnswer = () => Promise.reject(new Error('throttled'));
    const result = await operation(ctx('a'), deps);
    expect(result.response).toEqual({ statusCode: 200, body: '{"run":1}' });
  });
});
