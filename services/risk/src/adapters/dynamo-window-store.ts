import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MONEY_EVENT_TYPES, type MoneyEventType } from '@bank/schemas';
import type { WindowStore } from '../domain/ports';
import type { WindowEntry } from '../domain/window-entry';

export interface DynamoWindowStoreOptions {
  readonly client: DynamoDBDocumentClient;
  /** The `RiskWindows` table (topology `riskTable`). */
  readonly tableName: string;
  /** Most entries one `between` reads (a safety bound for extreme accounts); default 5000. */
  readonly maxEntries?: number;
}

/** Sort key: ISO time then event id, so a time range is a key range and each event has one key. */
export const windowEntrySortKey = (entry: Pick<WindowEntry, 'at' | 'eventId'>): string => `${new Date(entry.at).toISOString()}#${entry.eventId}`;

const isMoneyEventType = (value: unknown): value is MoneyEventType => typeof value === 'string' && (MONEY_EVENT_TYPES as readonly string[]).includes(value);

function entryFromItem(item: Record<string, unknown>): WindowEntry | undefined {
  const { AccountID, eventId, eventType, direction, amount, at, counterpartyAccountId } = item;
  if (typeof AccountID !== 'string' || typeof eventId !== 'string' || !isMoneyEventType(eventType)) return undefined;
  if ((direction !== 'in' && direction !== 'out') || typeof amount !== 'number' || typeof at !== 'number') return undefined;
  const entry: WindowEntry = { accountId: AccountID, eventId, eventType, direction, amount, at };
  return typeof counterpartyAccountId === 'string' ? { ...entry, counterpartyAccountId } : entry;
}

/**
 * Window entries in the `RiskWindows` table: `AccountID`, `EntryID="<ISO time>#<eventId>"`,
 * `eventId`, `eventType`, `direction`, `amount` (minor), `at` (epoch ms), `counterpartyAccountId?`,
 * `expiresAt` (TTL, epoch seconds). No PII.
 *
 * @example
 * const windows = new DynamoWindowStore({ client: documents, tableName: buildTopology().riskTable.name });
 */
export class DynamoWindowStore implements WindowStore {
  constructor(private readonly options: DynamoWindowStoreOptions) {}

  async record(entry: WindowEntry, expiresAt: number): Promise<void> {
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: {
          AccountID: entry.accountId,
          EntryID: windowEntrySortKey(entry),
          eventId: entry.eventId,
          eventType: entry.eventType,
          direction: entry.direction,
          amount: entry.amount,
          at: entry.at,
          ...(entry.counterpartyAccountId !== undefined ? { counterpartyAccountId: entry.counterpartyAccountId } : {}),
          expiresAt: Math.ceil(expiresAt / 1000),
        },
      }),
    );
  }

  async between(accountId: string, from: number, to: number): Promise<WindowEntry[]> {
    const max = this.options.maxEntries ?? 5_000;
    const entries: WindowEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'AccountID = :account AND EntryID BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':account': accountId, ':from': new Date(from).toISOString(), ':to': `${new Date(to).toISOString()}#\uffff` },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const entry = entryFromItem(item);
        if (entry) entries.push(entry);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && entries.length < max);
    return entries.slice(0, max);
  }
}
