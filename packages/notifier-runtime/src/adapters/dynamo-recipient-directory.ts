import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Recipient, RecipientDirectory } from '../ports';

export interface DynamoRecipientDirectoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** How long a profile is reused within one container; opt-outs apply after at most this. Default 30 s. */
  readonly cacheTtlMs?: number;
  readonly now?: () => number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads the account item (`TransactionID = "ACCOUNT"`) written by services/account. */
export function recipientFromItem(accountId: string, item: Record<string, unknown>): Recipient {
  const owner = isRecord(item.owner) ? item.owner : {};
  const notifications: Record<string, boolean> = {};
  if (isRecord(item.notifications)) {
    for (const [channel, on] of Object.entries(item.notifications)) notifications[channel] = on === true;
  }
  const email = optionalString(owner.email);
  const phone = optionalString(owner.phone);
  return { accountId, notifications, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

export class DynamoRecipientDirectory implements RecipientDirectory {
  private readonly cache = new Map<string, { recipient: Recipient; until: number }>();

  constructor(private readonly options: DynamoRecipientDirectoryOptions) {}

  async find(accountId: string): Promise<Recipient | undefined> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(accountId);
    if (cached && cached.until > now) return cached.recipient;
    const { Item } = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: { AccountID: accountId, TransactionID: 'ACCOUNT' } }),
    );
    if (!Item) {
      this.cache.delete(accountId);
      return undefined;
    }
    const recipient = recipientFromItem(accountId, Item);
    this.cache.set(accountId, { recipient, until: now + (this.options.cacheTtlMs ?? 30_000) });
    return recipient;
  }
}
