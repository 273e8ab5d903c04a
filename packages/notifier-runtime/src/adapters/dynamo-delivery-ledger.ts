import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { deliveryId, expiryOf, messageLookupId } from '../delivery-keys';
import type { ClaimRequest, ClaimResult, DeliveredTo, DeliveryError, DeliveryKey, DeliveryLedger, DeliveryStatus, FinishBase, SentUpdate } from '../ports';

export { deliveryId, expiryOf, messageLookupId };

export interface DynamoDeliveryLedgerOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Records expire (TTL `expiresAt`) after this many days; longer than DLQ retention so replays still dedupe. Default 90. */
  readonly retentionDays?: number;
}

const STATUSES: readonly DeliveryStatus[] = ['SENDING', 'SENT', 'SKIPPED', 'FAILED', 'DELIVERED', 'UNDELIVERED', 'BOUNCED'];
/** A transaction holds at most 100 items: the delivery and up to 99 lookups (registered addresses are far fewer). */
const MAX_LOOKUPS = 99;

/** `delivered` is a string set of address ids (DynamoDB refuses empty sets, so nothing is added then). */
function addDelivered(delivered: readonly string[] = []): { clause: string; names: Record<string, string>; values: Record<string, unknown> } {
  if (delivered.length === 0) return { clause: '', names: {}, values: {} };
  return { clause: ', #delivered :delivered', names: { '#delivered': 'delivered' }, values: { ':delivered': new Set(delivered) } };
}

function deliveredOf(value: unknown): string[] {
  return value instanceof Set ? [...value].filter((id): id is string => typeof id === 'string').sort() : [];
}

type UpdateInput = ConstructorParameters<typeof UpdateCommand>[0];

/** Delivery records in `NotificationDeliveries` (docs/internal-contracts.md); every write is conditional. */
export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(private readonly options: DynamoDeliveryLedgerOptions) {}

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const nowIso = request.now.toISOString();
    const nowMs = request.now.getTime();

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
          // A FAILED the provider reported (after SENT) is final; only the notifier's own FAILED is replayable.
          ConditionExpression:
            'attribute_not_exists(#deliveryId) OR (#status = :failed AND attribute_not_exists(#reportedAt)) OR (#status = :sending AND #leaseExpiresAt < :nowMs)',
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
            '#reportedAt': 'reportedAt',
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
            ':expiresAt': expiryOf(request.now, this.options.retentionDays),
          },
        }),
      );
      return { claimed: true, delivered: deliveredOf(Attributes?.delivered) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { claimed: false, status: await this.currentStatus(request) };
    }
  }

  markSent(key: DeliveryKey, update: SentUpdate): Promise<boolean> {
    const fields = {
      ...(update.provider && update.providerMessageId ? { provider: update.provider, providerMessageId: update.providerMessageId } : {}),
      ...(update.to ? { to: update.to } : {}),
      ...(update.customerId ? { customerId: update.customerId } : {}),
      sentAt: update.now.toISOString(),
    };
    const id = deliveryId(key);
    const expiresAt = expiryOf(update.now, this.options.retentionDays);
    const lookups = (update.accepted ?? []).slice(0, MAX_LOOKUPS).map((message) => ({
      Put: {
        TableName: this.options.tableName,
        Item: { DeliveryID: messageLookupId(message), recordType: 'MESSAGE', deliveryId: id, provider: message.provider, expiresAt },
      },
    }));
    return this.finish(key, update, 'SENT', update.attempts, fields, update.delivered, lookups);
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
    alongside: readonly Record<string, unknown>[] = [],
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
    return this.conditionalUpdate(
      key,
      update.leaseToken,
      `SET ${sets.join(', ')} REMOVE #leaseToken, #leaseExpiresAt ADD #attempts :attempts${adds.clause}`,
      { names, values },
      alongside,
    );
  }

  /** Writes only while `leaseToken` still holds the claim (with `alongside` items in one transaction); false when it was lost. */
  private async conditionalUpdate(
    key: DeliveryKey,
    leaseToken: string,
    expression: string,
    { names, values }: { names: Record<string, string>; values: Record<string, unknown> },
    alongside: readonly Record<string, unknown>[] = [],
  ): Promise<boolean> {
    const update: UpdateInput = {
      TableName: this.options.tableName,
      Key: { DeliveryID: deliveryId(key) },
      UpdateExpression: expression,
      ConditionExpression: '#leaseToken = :token',
      ExpressionAttributeNames: { ...names, '#leaseToken': 'leaseToken' },
      ExpressionAttributeValues: { ...values, ':token': leaseToken },
    };
    try {
      if (alongside.length === 0) await this.options.client.send(new UpdateCommand(update));
      else await this.options.client.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...alongside] }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
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
