import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DELIVERIES_BY_ACCOUNT_INDEX } from '@bank/topology';
import {
  clampLimit,
  decodeHistoryCursor,
  encodeHistoryCursor,
  type NotificationHistory,
  type NotificationHistoryItem,
  type NotificationHistoryPage,
} from './notification-history';

export interface DynamoNotificationHistoryOptions {
  readonly client: DynamoDBDocumentClient;
  /** `NotificationDeliveries` (its `ByAccount` index: `accountId`, `createdAt`). */
  readonly tableName: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function itemOf(raw: Readonly<Record<string, unknown>>): NotificationHistoryItem | undefined {
  const eventId = text(raw.eventId);
  const channel = text(raw.channel);
  const status = text(raw.status);
  if (!eventId || !channel || !status) return undefined;
  const provider = text(raw.provider);
  const sentAt = text(raw.sentAt);
  const to = text(raw.to);
  return {
    eventId,
    eventType: text(raw.eventType) ?? '',
    channel,
    status,
    ...(provider ? { provider } : {}),
    ...(sentAt ? { sentAt } : {}),
    updatedAt: text(raw.updatedAt) ?? text(raw.createdAt) ?? '',
    ...(to ? { to } : {}),
  };
}

/** NotificationHistory on the deliveries table's `ByAccount` index: one Query per page, newest first. */
export class DynamoNotificationHistory implements NotificationHistory {
  constructor(private readonly options: DynamoNotificationHistoryOptions) {}

  async list(accountId: string, limit: number, cursor?: string): Promise<NotificationHistoryPage> {
    const index = DELIVERIES_BY_ACCOUNT_INDEX;
    const sortKey = index.sortKey ?? 'createdAt';
    const position = cursor === undefined ? undefined : decodeHistoryCursor(cursor);
    const { Items, LastEvaluatedKey } = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#account = :account',
        ExpressionAttributeNames: { '#account': index.partitionKey },
        ExpressionAttributeValues: { ':account': accountId },
        ScanIndexForward: false,
        Limit: clampLimit(limit),
        ...(position ? { ExclusiveStartKey: { [index.partitionKey]: accountId, [sortKey]: position.createdAt, DeliveryID: position.deliveryId } } : {}),
      }),
    );
    const items = (Items ?? []).flatMap((raw) => itemOf(raw) ?? []);
    const last = LastEvaluatedKey;
    const next = last && text(last[sortKey]) && text(last.DeliveryID) ? encodeHistoryCursor({ createdAt: String(last[sortKey]), deliveryId: String(last.DeliveryID) }) : null;
    return { items, nextCursor: next };
  }
}
