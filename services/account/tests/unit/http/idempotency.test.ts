import { CHANNELS } from '@bank/topology';
import { AccountService, type MovementResult } from '../../../src/domain/account-service';
import { IdempotencyKeyReusedError } from '../../../src/domain/errors';
import type { CommandRead } from '../../../src/domain/ports';
import { callIdempotently } from '../../../src/http/idempotency';
import { InMemoryAccountStore, InMemoryCustomerStore, StaticIdentityProvider, staticPolicy, testAccount } from '../../../src/testing/index';

const principal = { customerId: 'sub-ada', username: 'sub-ada', operator: false };
const render = (result: MovementResult) => ({ statusCode: 200, body: JSON.stringify({ balance: result.newBalance }) });

/** One table (the store), services like API containers (each with its own in-process lock). */
function setup() {
  const customers = new InMemoryCustomerStore();
  const store = new InMemoryAccountStore(customers);
  let n = 0;
  const service = () =>
    new AccountService({
      store,
      customers,
      identity: new StaticIdentityProvider(),
      channels: CHANNELS,
      policies: staticPolicy(),
      clock: { now: () => new Date('2026-11-24T10:00:00Z') },
      ids: { transactionId: () => `TX${String(++n).padStart(24, '0')}`, accountId: () => 'acct-1' },
    });
  store.accounts.set('acct-1', testAccount({ accountId: 'acct-1', balance: 100 }));
  const deposit = (api: AccountService, amount: number, key = 'k-1') =>
    callIdempotently<MovementResult>({
      key,
      scope: { callerId: principal.customerId, endpoint: 'POST /deposit' },
      body: { accountId: 'acct-1', amount },
      run: (pending) => api.deposit('acct-1', amount, { principal, correlationId: 'c', ...(pending ? { idempotency: pending } : {}) }),
      render,
    });
  return { store, service, deposit };
}

describe('callIdempotently', () => {
  it('reads the key with the account and stores the answer with the write: one read, one write', async () => {
    const { store, service, deposit } = setup();

    const first = await deposit(service(), 5);

    expect(first).toEqual({ response: { statusCode: 200, body: '{"balance":105}' }, replayed: false });
    expect([store.reads, store.writes]).toEqual([1, 1]);
  });

  it('replays the stored answer for the same body without writing', async () => {
    const { store, service, deposit } = setup();
    const api = service();
    const first = await deposit(api, 5);

    const again = await deposit(api, 5);

    expect(again).toEqual({ response: first.response, replayed: true });
    expect([store.writes, store.accounts.get('acct-1')?.balance]).toEqual([1, 105]);
  });

  it('refuses the key with another body', async () => {
    const { service, deposit } = setup();
    await deposit(service(), 5);

    await expect(deposit(service(), 6)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('lets the loser of a race replay the winner: both read before either writes, one commits', async () => {
    const { store, service, deposit } = setup();
    // Both containers read (no answer yet) before either writes.
    const read = store.readForCommand.bind(store);
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    store.readForCommand = async (ids, key): Promise<CommandRead> => {
      const result = await read(ids, key);
      if (++arrived === 2) release();
      await bothRead;
      return result;
    };

    const [a, b] = await Promise.all([deposit(service(), 5), deposit(service(), 5)]);

    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.response).toEqual(b.response);
    expect([store.writes, store.accounts.get('acct-1')?.balance]).toEqual([1, 105]);
  });
});
