import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { AccountNotFoundError, AlreadyAnsweredError, IdempotencyInProgressError } from '../domain/errors';
import type { Account, BalanceChange, ChannelDisabled, Hold, HoldStatus, IdempotencyCompletion, MovementPlan, NotificationPreferences, StatusChange, StoredAnswer, TransactionPage } from '../domain/model';
import type { AccountStore, CommandRead, HoldPage } from '../domain/ports';
import { ChannelAlreadyOffError, IdempotencyKeyTakenError, translateCancellation, type ItemRole } from './cancellation';
import { decodeCursor, decodeHoldCursor, encodeCursor, encodeHoldCursor } from './cursor';
import {
  accountKey,
  accountToItem,
  customerAccountItem,
  dailyCounterKey,
  holdDecisionItem,
  holdIndexItem,
  holdIndexKey,
  holdIndexPartition,
  holdKey,
  holdToItem,
  idempotencyItem,
  idempotencyKey,
  itemToAccount,
  itemToAnswer,
  itemToHold,
  channelDisabledToItem,
  statusChangeToItem,
  itemToTransaction,
  TRANSACTION_PREFIX,
  transactionSortKey,
  transactionToItem,
} from './dynamo-items';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const DAY_SECONDS = 86_400;

const isIdempotencyItem = (item: Record<string, unknown>, recordKey: string | undefined) => recordKey !== undefined && item.AccountID === recordKey;

/** AccountStore on DynamoDB: every command is exactly one TransactWriteItems. */
export class DynamoAccountStore implements AccountStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getAccount(accountId: string): Promise<Account | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: accountKey(accountId), ConsistentRead: true }));
    return out.Item ? itemToAccount(out.Item) : undefined;
  }

  async getAccounts(accountIds: readonly string[]): Promise<ReadonlyMap<string, Account>> {
    const items = await this.batchGet([...new Set(accountIds)].map(accountKey));
    return new Map(items.map((item) => itemToAccount(item)).map((account) => [account.accountId, account]));
  }

  async readForCommand(accountIds: readonly string[], idempotencyRecordKey?: string): Promise<CommandRead> {
    const [only] = accountIds;
    if (idempotencyRecordKey === undefined && accountIds.length === 1 && only !== undefined) {
      const account = await this.getAccount(only);
      return { accounts: new Map(account ? [[only, account]] : []) };
    }
    const items = await this.batchGet([...new Set(accountIds)].map(accountKey).concat(idempotencyRecordKey === undefined ? [] : [idempotencyKey(idempotencyRecordKey)]));
    const accounts = new Map<string, Account>();
    let answered: StoredAnswer | undefined;
    for (const item of items) {
      if (isIdempotencyItem(item, idempotencyRecordKey)) answered = this.answerIn(item);
      else accounts.set(String(item.AccountID), itemToAccount(item));
    }
    return { accounts, ...(answered ? { answered } : {}) };
  }

  async answerOf(idempotencyRecordKey: string): Promise<StoredAnswer | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: idempotencyKey(idempotencyRecordKey), ConsistentRead: true }));
    return out.Item ? this.answerIn(out.Item) : undefined;
  }

  async rememberAnswer(answer: IdempotencyCompletion): Promise<boolean> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: idempotencyItem(answer, nowSeconds),
          ConditionExpression: 'attribute_not_exists(AccountID) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  /** A key record's answer; none once expired (TTL deletes records late). A record without one is a lock of an earlier release. */
  private answerIn(item: Record<string, unknown>): StoredAnswer | undefined {
    if (typeof item.expiresAt === 'number' && item.expiresAt * 1000 <= Date.now()) return undefined;
    const answer = itemToAnswer(item);
    if (!answer) throw new IdempotencyInProgressError();
    return answer;
  }

  /** Consistent BatchGetItem, following UnprocessedKeys. */
  private async batchGet(keys: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let pending = keys;
    while (pending.length > 0) {
      const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(out.Responses?.[this.tableName] ?? []));
      pending = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return items;
  }

  async createAccount(account: Account, plan: MovementPlan, idempotency?: IdempotencyCompletion): Promise<void> {
    const items: [ItemRole, TransactItem][] = [
      [
        'create',
        {
          Put: {
            TableName: this.tableName,
            Item: accountToItem(account),
            ConditionExpression: 'attribute_not_exists(AccountID)',
          },
        },
      ],
      ['create', { Put: { TableName: this.tableName, Item: customerAccountItem(account) } }],
      ...this.recordPuts(plan),
      ...this.idempotencyPut(idempotency, plan.timestamp),
    ];
    await this.transact(items, account.accountId, idempotency);
  }

  async updatePreferences(accountId: string, changes: NotificationPreferences, timestamp: string): Promise<Account> {
    const entries = Object.entries(changes);
    const names: Record<string, string> = { '#notifications': 'notifications', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':now': timestamp };
    const sets = entries.map(([channel, on], i) => {
      names[`#c${i}`] = channel;
      values[`:v${i}`] = on;
      return `#notifications.#c${i} = :v${i}`;
    });
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(accountId),
          // One path per channel: a concurrent change of another channel is kept, not overwritten.
          UpdateExpression: `SET ${[...sets, '#updatedAt = :now'].join(', ')}`,
          ConditionExpression: 'attribute_exists(AccountID)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (!out.Attributes) throw new AccountNotFoundError(accountId);
      return itemToAccount(out.Attributes);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new AccountNotFoundError(accountId);
      throw err;
    }
  }

  async commitMovement(plan: MovementPlan, idempotency?: IdempotencyCompletion): Promise<void> {
    const items: [ItemRole, TransactItem][] = [
      ...plan.changes.map((change): [ItemRole, TransactItem] => ['balance', { Update: this.balanceUpdate(change, plan.timestamp) }]),
      ...this.recordPuts(plan),
      ...this.holdWrites(plan),
      ...(plan.dailyDebit
        ? ([
            [
              'daily',
              {
                Update: {
                  TableName: this.tableName,
                  Key: dailyCounterKey(plan.dailyDebit.accountId, plan.dailyDebit.day),
                  UpdateExpression: 'ADD withdrawn :amount SET expiresAt = :ttl',
                  ConditionExpression: 'attribute_not_exists(withdrawn) OR withdrawn <= :cap',
                  ExpressionAttributeValues: {
                    ':amount': plan.dailyDebit.amount,
                    ':cap': plan.dailyDebit.limit - plan.dailyDebit.amount,
                    ':ttl': Math.floor(Date.parse(plan.timestamp) / 1000) + 2 * DAY_SECONDS,
                  },
                },
              },
            ],
          ] satisfies [ItemRole, TransactItem][])
        : []),
      ...this.idempotencyPut(idempotency, plan.timestamp),
    ];
    await this.transact(items, plan.changes[0]?.accountId ?? '', idempotency);
  }

  async listTransactions(accountId: string, limit: number, cursor?: string): Promise<TransactionPage> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'AccountID = :id AND begins_with(TransactionID, :prefix)',
        ExpressionAttributeValues: { ':id': accountId, ':prefix': TRANSACTION_PREFIX },
        ScanIndexForward: false,
        // One extra item tells whether another page exists, so the last page has no cursor.
        Limit: limit + 1,
        ...(after ? { ExclusiveStartKey: { AccountID: accountId, TransactionID: transactionSortKey(after) } } : {}),
      }),
    );
    const items = (out.Items ?? []).map(itemToTransaction);
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > limit && last ? encodeCursor(last.transactionId) : null };
  }

  async changeStatus(change: StatusChange, expectedVersion: number, options: { readonly requireEmpty: boolean }): Promise<void> {
    const items: [ItemRole, TransactItem][] = [
      [
        'balance',
        {
          Update: {
            TableName: this.tableName,
            Key: accountKey(change.accountId),
            UpdateExpression: 'SET #status = :status, version = :next, updatedAt = :now',
            ConditionExpression: `version = :expected${options.requireEmpty ? ' AND balance = :zero AND (attribute_not_exists(held) OR held = :zero)' : ''}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': change.status,
              ':next': expectedVersion + 1,
              ':expected': expectedVersion,
              ':now': change.at,
              ...(options.requireEmpty ? { ':zero': 0 } : {}),
            },
          },
        },
      ],
      ['record', { Put: { TableName: this.tableName, Item: statusChangeToItem(change), ConditionExpression: 'attribute_not_exists(TransactionID)' } }],
    ];
    await this.transact(items, change.accountId);
  }

  async turnChannelOff(change: ChannelDisabled, accountIds: readonly string[]): Promise<boolean> {
    const items: [ItemRole, TransactItem][] = [
      ...accountIds.map((accountId): [ItemRole, TransactItem] => [
        'channel',
        {
          Update: {
            TableName: this.tableName,
            Key: accountKey(accountId),
            UpdateExpression: 'SET #notifications.#channel = :off, updatedAt = :now',
            ConditionExpression: '#notifications.#channel = :on',
            ExpressionAttributeNames: { '#notifications': 'notifications', '#channel': change.channel },
            ExpressionAttributeValues: { ':off': false, ':on': true, ':now': change.at },
          },
        },
      ]),
      ['record', { Put: { TableName: this.tableName, Item: channelDisabledToItem(change), ConditionExpression: 'attribute_not_exists(TransactionID)' } }],
    ];
    try {
      await this.transact(items, change.accountId);
      return true;
    } catch (err) {
      if (err instanceof ChannelAlreadyOffError) return false;
      throw err;
    }
  }

  async getHold(holdId: string): Promise<Hold | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: holdKey(holdId), ConsistentRead: true }));
    return out.Item ? itemToHold(out.Item) : undefined;
  }

  async listHolds(status: HoldStatus, limit: number, cursor?: string): Promise<HoldPage> {
    const after = cursor === undefined ? undefined : decodeHoldCursor(cursor);
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'AccountID = :pk',
        ExpressionAttributeValues: { ':pk': holdIndexPartition(status) },
        Limit: limit + 1,
        ...(after ? { ExclusiveStartKey: { AccountID: holdIndexPartition(status), TransactionID: after } } : {}),
      }),
    );
    const items = (out.Items ?? []).map(itemToHold);
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > limit && last ? encodeHoldCursor(holdIndexKey(last).TransactionID) : null };
  }

  async listDueHolds(now: string, limit: number): Promise<Hold[]> {
    const due: Hold[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'AccountID = :pk',
          FilterExpression: 'expiresAt <= :now',
          ExpressionAttributeValues: { ':pk': holdIndexPartition('PENDING'), ':now': now },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      due.push(...(out.Items ?? []).map(itemToHold));
      start = out.LastEvaluatedKey;
    } while (start && due.length < limit);
    return due.slice(0, limit);
  }

  /** The balance update of one account, conditioned on its version and on the statuses the command allows. */
  private balanceUpdate(change: BalanceChange, timestamp: string) {
    const sets = ['balance = :balance', 'version = :next', 'updatedAt = :now'];
    const values: Record<string, unknown> = {
      ':balance': change.newBalance,
      ':next': change.expectedVersion + 1,
      ':expected': change.expectedVersion,
      ':now': timestamp,
    };
    if (change.newHeld !== undefined) {
      sets.push('held = :held');
      values[':held'] = change.newHeld;
    }
    if (change.recentDebits !== undefined) {
      sets.push('recentDebits = :recent');
      values[':recent'] = [...change.recentDebits];
    }
    const statuses = change.statuses.map((status, i) => {
      values[`:s${i}`] = status;
      return `:s${i}`;
    });
    return {
      TableName: this.tableName,
      Key: accountKey(change.accountId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      // Items written before statuses existed have none: they are open.
      ConditionExpression: `version = :expected AND (#status IN (${statuses.join(', ')})${change.statuses.includes('OPEN') ? ' OR attribute_not_exists(#status)' : ''})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    };
  }

  /** A new hold (with its index item), or a decided one (only if still pending: decided once). */
  private holdWrites(plan: MovementPlan): [ItemRole, TransactItem][] {
    const writes: [ItemRole, TransactItem][] = [];
    if (plan.newHold) {
      writes.push(['create', { Put: { TableName: this.tableName, Item: holdToItem(plan.newHold), ConditionExpression: 'attribute_not_exists(AccountID)' } }]);
      writes.push(['record', { Put: { TableName: this.tableName, Item: holdIndexItem(plan.newHold) } }]);
    }
    const decided = plan.decidedHold;
    if (decided) {
      writes.push([
        'hold',
        {
          Put: {
            TableName: this.tableName,
            Item: holdToItem(decided),
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': 'PENDING' },
          },
        },
      ]);
      writes.push(['hold', { Put: { TableName: this.tableName, Item: holdDecisionItem(decided), ConditionExpression: 'attribute_not_exists(AccountID)' } }]);
      writes.push(['record', { Delete: { TableName: this.tableName, Key: holdIndexKey({ ...decided, status: 'PENDING' }) } }]);
      writes.push(['record', { Put: { TableName: this.tableName, Item: holdIndexItem(decided) } }]);
    }
    return writes;
  }

  private recordPuts(plan: MovementPlan): [ItemRole, TransactItem][] {
    return plan.records.map((record) => [
      'record',
      { Put: { TableName: this.tableName, Item: transactionToItem(record), ConditionExpression: 'attribute_not_exists(TransactionID)' } },
    ]);
  }

  /** The key record with the command's answer, created only where no live answer is (an expired one may linger until TTL). */
  private idempotencyPut(idempotency: IdempotencyCompletion | undefined, timestamp: string): [ItemRole, TransactItem][] {
    if (!idempotency) return [];
    const nowSeconds = Math.floor(Date.parse(timestamp) / 1000);
    return [
      [
        'idempotency',
        {
          Put: {
            TableName: this.tableName,
            Item: idempotencyItem(idempotency, nowSeconds),
            ConditionExpression: 'attribute_not_exists(AccountID) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds },
          },
        },
      ],
    ];
  }

  private async transact(items: [ItemRole, TransactItem][], accountId: string, idempotency?: IdempotencyCompletion): Promise<void> {
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items.map(([, item]) => item) }));
    } catch (err) {
      const translated = translateCancellation(err, items.map(([role]) => role), accountId);
      if (!(translated instanceof IdempotencyKeyTakenError) || !idempotency) throw translated;
      // The loser of a race for the key: the winner's answer is this request's answer too.
      const answer = await this.answerOf(idempotency.recordKey);
      if (!answer) throw new IdempotencyInProgressError();
      throw new AlreadyAnsweredError(answer);
    }
  }
}
