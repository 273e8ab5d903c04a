import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClaimRequest, ClaimResult, DeliveredTo, DeliveryError, DeliveryKey, DeliveryLedger, DeliveryStatus, FinishBase } from '../ports';

export interface DynamoDeliveryLedgerOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Records expire (TTL `expiresAt`) after this many days; longer than DLQ retention so replays still dedupe. Default 90. */
  readonly retentionDays?: number;
}

const STATUSES: readonly DeliveryStatus[] = ['SENDING', 'SENT', 'SKIPPED', 'FAILED'];

/** `delivered` is a string set of address ids (DynamoDB refuses empty sets, so nothing is added then). */
function addDelivered(delivered: readonly string[] = []): { clause: string; names: Record<string, string>; values: Record<string, unknown> } {
  if (delivered.length === 0) return { clause: '', names: {}, values: {} };
  return { clause: ', #delivered :delivered', names: { '#delivered': 'delivered' }, values: { ':delivered': new Set(delivered) } };
}

function deliveredOf(value: unknown): string[] {
  return value instanceof Set ? [...value].filter((id): id is string => typeof id === 'string').sort() : [];
}

export function deliveryId(key: DeliveryKey): string {
  return `${key.eventId}#${key.channel}`;
}

/** Delivery records in `NotificationDeliveries` (docs/internal-contracts.md); every write is conditional. */
export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(private readonly options: DynamoDeliveryLedgerOptions) {}

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const nowIso = request.now.toISOString();
    const nowMs = request.now.getTime();
    const retentionSeconds = (this.options.retentionDays ?? 90) * 86_400;
    try {
      const { Attributes } = await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { DeliveryID: deliveryId(request) },
          ReturnValues: 'ALL_NEW',
          UpdateExpression:
            'SET #status = :sending, #eventId = :eventId, #channel = :channel, #eventType = :eventType, #accountId = :accountId, ' +
            '#leaseToken = :token, #leaseExpiresAt = :leaseUntil, #updatedAt = :now, #createdAt = if_not_exists(#createdAt, :now), ' +
            '#attempts = if_not_exists(#attempts, :zero), #expiresAt = :expiresAt',
          ConditionExpression:
            'attribute_not_exists(#deliveryId) OR #status = :failed OR (#status = :sending AND #leaseExpiresAt < :nowMs)',
          ExpressionAttributeNames: {
            '#deliveryId': 'DeliveryID',
            '#status': 'status',
            '#eventId': 'eventId',
            '#channel': 'channel',
            '#eventType': 'eventType',
            '#accountId': 'accountId',
            '#leaseToken': 'leaseToken',
            '#leaseExpiresAt': 'leaseExpiresAt',
            '#updatedAt': 'updatedAt',
            '#createdAt': 'createdAt',
            '#attempts': 'attempts',
            '#expiresAt': 'expiresAt',
          },
          ExpressionAttributeValues: {
            ':sending': 'SENDING',
            ':failed': 'FAILED',
            ':eventId': request.eventId,
            ':channel': request.channel,
            ':eventType': request.eventType,
            ':accountId': request.accountId,
            ':token': request.leaseToken,
            ':leaseUntil': nowMs + request.leaseSeconds * 1000,
            ':nowMs': nowMs,
            ':now': nowIso,
            ':zero': 0,
            ':expiresAt': Math.floor(nowMs / 1000) + retentionSeconds,
          },
        }),
      );
      return { claimed: true, delivered: deliveredOf(Attributes?.delivered) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { claimed: false, status: await this.currentStatus(request) };
    }
  }

  markSent(key: DeliveryKey, update: FinishBase & DeliveredTo & { provider?: string; providerMessageId?: string; attempts: number }): Promise<boolean> {
    const sentBy = update.provider && update.providerMessageId ? { provider: update.provider, providerMessageId: update.providerMessageId } : {};
    return this.finish(key, update, 'SENT', update.attempts, sentBy, update.delivered);
  }

  markSkipped(key: DeliveryKey, update: FinishBase & { reason: string }): Promise<boolean> {
    return this.finish(key, update, 'SKIPPED', 0, { skipReason: update.reason });
  }

  markFailed(key: DeliveryKey, update: FinishBase & DeliveredTo & { attempts: number; lastError: DeliveryError }): Promise<boolean> {
    return this.finish(key, update, 'FAILED', update.attempts, { lastError: update.lastError }, update.delivered);
  }

  async release(key: DeliveryKey, update: FinishBase & DeliveredTo & { attempts: number; lastError: DeliveryError }): Promise<boolean> {
    // Stays SENDING with an expired lease: the next receive claims it at once.
    const adds = addDelivered(update.delivered);
    return this.conditionalUpdate(key, update.leaseToken, `SET #lastError = :lastError, #leaseExpiresAt = :zero, #updatedAt = :now REMOVE #leaseToken ADD #attempts :attempts${adds.clause}`, {
      names: { '#lastError': 'lastError', '#leaseExpiresAt': 'leaseExpiresAt', '#updatedAt': 'updatedAt', '#attempts': 'attempts', ...adds.names },
      values: { ':lastError': update.lastError, ':zero': 0, ':now': update.now.toISOString(), ':attempts': update.attempts, ...adds.values },
    });
  }

  private finish(
    key: DeliveryKey,
    update: FinishBase,
    status: DeliveryStatus,
    attempts: number,
    fields: Record<string, unknown>,
    delivered?: readonly string[],
  ): Promise<boolean> {
    const adds = addDelivered(delivered);
    const names: Record<string, string> = { '#status': 'status', '#updatedAt': 'updatedAt', '#attempts': 'attempts', '#leaseExpiresAt': 'leaseExpiresAt', ...adds.names };
    const values: Record<string, unknown> = { ':status': status, ':now': update.now.toISOString(), ':attempts': attempts, ...adds.values };
    const sets = ['#status = :status', '#updatedAt = :now'];
    for (const [index, [name, value]] of Object.entries(fields).entries()) {
      names[`#f${index}`] = name;
      values[`:f${index}`] = value;
      sets.push(`#f${index} = :f${index}`);
    }
    return this.conditionalUpdate(key, update.leaseToken, `SET ${sets.join(', ')} REMOVE #leaseToken, #leaseExpiresAt ADD #attempts :attempts${adds.clause}`, {
      names,
      values,
    });
  }

  /** Writes only while `leaseToken` still holds the claim; false when it was lost. */
  private async conditionalUpdate(
    key: DeliveryKey,
    leaseToken: string,
    expression: string,
    { names, values }: { names: Record<string, string>; values: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { DeliveryID: deliveryId(key) },
          UpdateExpression: expression,
          ConditionExpression: '#leaseToken = :token',
          ExpressionAttributeNames: { ...names, '#leaseToken': 'leaseToken' },
          ExpressionAttributeValues: { ...values, ':token': leaseToken },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async currentStatus(key: DeliveryKey): Promise<DeliveryStatus> {
    const { Item } = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: { DeliveryID: deliveryId(key) }, ConsistentRead: true }),
    );
    const status = Item?.status;
    // Vanished between the write and the read (TTL): someone is on it; the retry will claim it.
    return STATUSES.find((s) => s === status) ?? 'SENDING';
  }
}
