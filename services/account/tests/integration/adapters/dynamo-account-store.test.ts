import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAccountStore } from '../../../src/adapters/dynamo-account-store';
import { AlreadyAnsweredError } from '../../../src/domain/errors';
import type { MovementPlan } from '../../../src/domain/model';
import { testAccount } from '../../../src/testing/index';
import { createAccountsTable, dynamoClient } from '../harness';

const client = dynamoClient();
let store: DynamoAccountStore;

beforeAll(async () => {
  store = new DynamoAccountStore(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), await createAccountsTable(client));
});

const timestamp = new Date().toISOString();
const account = (accountId: string) => testAccount({ accountId, balance: 100 });
const deposit = (accountId: string, version: number, balance: number): MovementPlan => ({
  changes: [{ accountId, expectedVersion: version, newBalance: balance, statuses: ['OPEN'] }],
  records: [],
  timestamp,
});
const answer = (body: string) => ({ requestHash: `hash-of-${body}`, response: { statusCode: 200, body } });

describe('DynamoAccountStore and Idempotency-Key answers', () => {
  it('reads a command\'s accounts and its key\'s answer in one request', async () => {
    await store.createAccount(account('idem-a'), { changes: [], records: [], timestamp });
    await store.commitMovement(deposit('idem-a', 1, 105), { recordKey: 'IDEMPOTENCY#a', ...answer('first') });

    const read = await store.readForCommand(['idem-a'], 'IDEMPOTENCY#a');

    expect(read.accounts.get('idem-a')?.balance).toBe(105);
    expect(read.answered).toEqual(answer('first'));
    expect((await store.readForCommand(['idem-a'], 'IDEMPOTENCY#none')).answered).toBeUndefined();
  });

  it('refuses a second answer under one key, giving the first, and writes nothing of the loser', async () => {
    await store.createAccount(account('idem-b'), { changes: [], records: [], timestamp });
    await store.commitMovement(deposit('idem-b', 1, 105), { recordKey: 'IDEMPOTENCY#b', ...answer('winner') });

    const loser = store.commitMovement(deposit('idem-b', 2, 110), { recordKey: 'IDEMPOTENCY#b', ...answer('loser') });

    await expect(loser).rejects.toBeInstanceOf(AlreadyAnsweredError);
    await expect(loser).rejects.toMatchObject({ answer: answer('winner') });
    expect((await store.getAccount('idem-b'))?.balance).toBe(105);
  });

  it('gives the key\'s answer to an account creation that lost the race for it', async () => {
    await store.createAccount(account('idem-c'), { changes: [], records: [], timestamp }, { recordKey: 'IDEMPOTENCY#c', ...answer('opened c') });

    await expect(store.createAccount(account('idem-d'), { changes: [], records: [], timestamp }, { recordKey: 'IDEMPOTENCY#c', ...answer('opened d') })).rejects.toMatchObject({
      answer: answer('opened c'),
    });
    expect(await store.getAccount('idem-d')).toBeUndefined();
  });
});
