import { ConditionalCheckFailedException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { deliveryIdOfNotificationKey, messageLookupId } from '../delivery-keys';
import type { DeliveryStatus } from '../ports';
import type { DeliveryReports, KeyedReportResult, TrackedDelivery } from './ports';
import type { FinalReport } from './transitions';

export interface DynamoDeliveryReportsOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

const STATUSES: readonly DeliveryStatus[] = ['SENDING', 'SENT', 'SKIPPED', 'FAILED', 'DELIVERED', 'UNDELIVERED', 'BOUNCED'];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function trackedFrom(item: Readonly<Record<string, unknown>>): TrackedDelivery | undefined {
  const deliveryId = text(item.DeliveryID);
  const eventId = text(item.eventId);
  const channel = text(item.channel);
  const accountId = text(item.accountId);
  const status = STATUSES.find((s) => s === item.status);
  if (!deliveryId || !eventId || !channel || !accountId || !status) return undefined;
  const customerId = text(item.customerId);
  const provider = text(item.provider);
  const sentAt = text(item.sentAt);
  return {
    deliveryId,
    eventId,
    channel,
    eventType: text(item.eventType) ?? '',
    accountId,
    status,
    reported: item.reportedAt !== undefined,
    ...(customerId ? { customerId } : {}),
    ...(provider ? { provider } : {}),
    ...(sentAt ? { sentAt } : {}),
  };
}

/** Whether a delivery record carries a message: in `messageIds`, or as `providerMessageId` (records written before `messageIds`). */
function carriesMessage(item: Readonly<Record<string, unknown>>, providerMessageId: string): boolean {
  return item.providerMessageId === providerMessageId || (item.messageIds instanceof Set && item.messageIds.has(providerMessageId));
}

/**
 * The string and string-set attributes of an item as DynamoDB returns it in a
 * ConditionalCheckFailedException (the document client does not convert those): all a
 * TrackedDelivery and `carriesMessage` read.
 */
function plainStrings(item: Readonly<Record<string, AttributeValue>>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (value.S !== undefined) plain[name] = value.S;
    else if (value.SS !== undefined) plain[name] = new Set(value.SS);
  }
  return plain;
}

/** The SET clause of a report: the status and when, the provider's code. */
function reportUpdate(report: FinalReport, now: Date): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const names: Record<string, string> = { '#status': 'status', '#reportedAt': 'reportedAt', '#statusAt': 'statusAt', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':status': report.status, ':sent': 'SENT', ':now': now.toISOString(), ':statusAt': report.occurredAt };
  const sets = ['#status = :status', '#reportedAt = :now', '#statusAt = :statusAt', '#updatedAt = :now'];
  if (report.errorCode) {
    names['#errorCode'] = 'errorCode';
    values[':errorCode'] = report.errorCode;
    sets.push('#errorCode = :errorCode');
  }
  return { expression: `SET ${sets.join(', ')}`, names, values };
}

/**
 * DeliveryReports on `NotificationDeliveries`: a report with a notification key → one conditional
 * update of its record; without one, lookup item → delivery record → one conditional write.
 */
export class DynamoDeliveryReports implements DeliveryReports {
  /**
   * The record each delivery `find` returned was read from, so that `apply` can put it whole with
   * its new status: a SENT record changes only by a report (conditioned on SENT, as this one is),
   * so the put leaves what the update would. DynamoDB charges the same; moto, which the tests and
   * benchmarks run on, validates an update expression node by node, several times a put's cost.
   */
  private readonly records = new WeakMap<TrackedDelivery, Record<string, unknown>>();

  constructor(private readonly options: DynamoDeliveryReportsOptions) {}

  async find(providers: readonly string[], providerMessageId: string): Promise<TrackedDelivery | undefined> {
    for (const provider of providers) {
      const lookup = await this.get(messageLookupId({ provider, providerMessageId }));
      const id = text(lookup?.deliveryId);
      if (!id) continue;
      const item = await this.get(id);
      const delivery = item ? trackedFrom(item) : undefined;
      if (item && delivery) this.records.set(delivery, item);
      return delivery;
    }
    return undefined;
  }

  async apply(delivery: TrackedDelivery, report: FinalReport, now: Date): Promise<boolean> {
    const record = this.records.get(delivery);
    if (record) return this.putReported(record, report, now);
    const { expression, names, values } = reportUpdate(report, now);
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { DeliveryID: delivery.deliveryId },
          UpdateExpression: expression,
          // Monotonic: only SENT moves, so a late or repeated report changes nothing.
          ConditionExpression: '#status = :sent',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * One UpdateItem, no read: the record as it was comes back with the write (ALL_OLD), or with
   * the failed condition (ReturnValuesOnConditionCheckFailure), which tells a repeated report
   * from a delivery still at its provider and from a key or message id that does not match.
   */
  async applyByKey(notificationKey: string, report: FinalReport, now: Date): Promise<KeyedReportResult> {
    const id = deliveryIdOfNotificationKey(notificationKey);
    if (!id) return { kind: 'unknown' };
    const { expression, names, values } = reportUpdate(report, now);
    try {
      const { Attributes } = await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { DeliveryID: id },
          UpdateExpression: expression,
          // Monotonic as `apply`, and only for a message this delivery sent: the key alone is not trusted to name it.
          ConditionExpression: '#status = :sent AND (#providerMessageId = :messageId OR contains(#messageIds, :messageId))',
          ExpressionAttributeNames: { ...names, '#providerMessageId': 'providerMessageId', '#messageIds': 'messageIds' },
          ExpressionAttributeValues: { ...values, ':messageId': report.providerMessageId },
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const delivery = Attributes ? trackedFrom(Attributes) : undefined;
      // Moved, but not a record this runtime wrote (no ids to report with): as good as unknown.
      return delivery ? { kind: 'applied', delivery } : { kind: 'unknown' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const item = error.Item ? plainStrings(error.Item) : undefined;
      if (item?.status === 'SENDING') return { kind: 'in-flight' };
      const delivery = item && carriesMessage(item, report.providerMessageId) ? trackedFrom(item) : undefined;
      return delivery ? { kind: 'unchanged', delivery } : { kind: 'unknown' };
    }
  }

  private async putReported(record: Record<string, unknown>, report: FinalReport, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const item = { ...record, status: report.status, reportedAt: at, statusAt: report.occurredAt, updatedAt: at, ...(report.errorCode ? { errorCode: report.errorCode } : {}) };
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: item,
          // Monotonic: only SENT moves, so a late or repeated report changes nothing.
          ConditionExpression: '#status = :sent',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'SENT' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async get(id: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: { DeliveryID: id }, ConsistentRead: true }));
    return Item;
  }
}
