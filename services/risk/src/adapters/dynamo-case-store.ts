import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  caseFromItem,
  caseIndexItem,
  caseIndexKey,
  caseKey,
  casePartition,
  caseToItem,
  clampListLimit,
  decodeCaseCursor,
  encodeCaseCursor,
  pageOfCases,
  RISK_CASES_PARTITION,
  summaryFromItem,
  type CasePosition,
} from '../case-items';
import type { CaseListPage, CaseListQuery, CaseStore, RiskCaseQueries } from '../domain/ports';
import { ulidTime, type FreezeResult, type RiskCase } from '../domain/risk-case';

export interface DynamoCaseStoreOptions {
  readonly client: DynamoDBDocumentClient;
  /** The accounts table (`CheckingAccountTransactions`). */
  readonly tableName: string;
}

/** Most cases one account listing reads before sorting; far above what a real account collects. */
const MAX_ACCOUNT_CASES = 1_000;

/**
 * Risk cases in the accounts table (layout in `case-items.ts`). Writes are once per case id (a
 * replay finds `exists`); listing reads `RISK#CASES#<accountId>` for one account and the
 * `RISK#CASES` listing entries for all accounts, newest first by `openedAt`.
 *
 * @example
 * const cases = new DynamoCaseStore({ client: documents, tableName: 'CheckingAccountTransactions' });
 * const { items, nextCursor } = await cases.list({ accountId: '123456789' });
 */
export class DynamoCaseStore implements CaseStore, RiskCaseQueries {
  constructor(private readonly options: DynamoCaseStoreOptions) {}

  async open(riskCase: RiskCase): Promise<'opened' | 'exists'> {
    const put = (Item: Record<string, unknown>) => ({ Put: { TableName: this.options.tableName, Item, ConditionExpression: 'attribute_not_exists(AccountID)' } });
    try {
      await this.options.client.send(new TransactWriteCommand({ TransactItems: [put(caseToItem(riskCase)), put(caseIndexItem(riskCase))] }));
      return 'opened';
    } catch (error) {
      const [caseReason] = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (caseReason?.Code === 'ConditionalCheckFailed') return 'exists';
      throw error;
    }
  }

  async get(accountId: string, caseId: string): Promise<RiskCase | undefined> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: caseKey(accountId, caseId), ConsistentRead: true }));
    return Item ? caseFromItem(Item) : undefined;
  }

  async triggeredBetween(accountId: string, from: number, to: number): Promise<RiskCase[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'AccountID = :p AND TransactionID BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':p': casePartition(accountId), ':from': `CASE#${ulidTime(from)}`, ':to': `CASE#${ulidTime(to)}\uffff` },
    });
    return items.map(caseFromItem);
  }

  async recordAction(riskCase: RiskCase, result: { readonly at: Date; readonly result: FreezeResult }): Promise<void> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: caseKey(riskCase.accountId, riskCase.caseId),
          UpdateExpression: 'SET actionTakenAt = :at, actionResult = :result',
          // A recorded freeze stays: a run racing on the same case found the account already frozen by it.
          ConditionExpression: 'attribute_exists(AccountID) AND (attribute_not_exists(actionResult) OR actionResult <> :frozen)',
          ExpressionAttributeValues: { ':at': result.at.toISOString(), ':result': result.result, ':frozen': 'frozen' satisfies FreezeResult },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException && error.Item?.actionResult?.S === 'frozen') return;
      throw error;
    }
  }

  async list(query: CaseListQuery): Promise<CaseListPage> {
    const after = query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor);
    const limit = clampListLimit(query.limit);
    return query.accountId === undefined ? this.listAll(limit, after) : this.listAccount(query.accountId, limit, after);
  }

  private async listAccount(accountId: string, limit: number, after: CasePosition | undefined): Promise<CaseListPage> {
    const items = await this.queryAll({ KeyConditionExpression: 'AccountID = :p', ExpressionAttributeValues: { ':p': casePartition(accountId) } }, MAX_ACCOUNT_CASES);
    return pageOfCases(items.map(summaryFromItem), after, limit);
  }

  private async listAll(limit: number, after: CasePosition | undefined): Promise<CaseListPage> {
    const { Items, LastEvaluatedKey } = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'AccountID = :p',
        ExpressionAttributeValues: { ':p': RISK_CASES_PARTITION },
        ScanIndexForward: false,
        Limit: limit,
        ...(after ? { ExclusiveStartKey: caseIndexKey(after) } : {}),
      }),
    );
    const page = (Items ?? []).map(summaryFromItem);
    const last = page.at(-1);
    return { items: page, ...(last && LastEvaluatedKey ? { nextCursor: encodeCaseCursor(last) } : {}) };
  }

  private async queryAll(query: { KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> }, max = Number.POSITIVE_INFINITY): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({ TableName: this.options.tableName, ...query, ConsistentRead: true, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < max);
    return items;
  }
}
