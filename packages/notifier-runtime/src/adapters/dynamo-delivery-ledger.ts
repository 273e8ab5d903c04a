import { ConditionalCheckFailedException, TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { deliveryId, expiryOf, messageLookupId } from '../delivery-keys';
import type { ClaimRequest, ClaimResult, DeliveredTo, DeliveryError, DeliveryKey, DeliveryLedger, DeliveryStatus, FinishBase, SentEntry, SentUpdate } from '../ports';
import {
  asTransactItem,
  lostLeases,
  MAX_TRANSACTION_ITEMS,
  requestToken,
  transactionChunks,
  type PutInput,
  type RecordWrite,
  type SentWrite,
  type TransactItem,
  type UpdateInput,
} from './ledger-transactions';

export { deliveryId, expiryOf, messageLookupId };

export interface DynamoDeliveryLedgerOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Records expire (TTL `expiresAt`) after this many days; longer than DLQ retention so replays still dedupe. Default 90. */
  readonly retentionDays?: number;
}

const STATUSES: readonly DeliveryStatus[] = ['SENDING', 'SENT', 'SKIPPED', 'FAILED', 'DELIVERED', 'UNDELIVERED', 'BOUNCED'];
// None (vanished between the write and the read: TTL) or unknown: someone is on it; the retry will claim it.
const statusOf = (status: unknown): DeliveryStatus => STATUSES.find((s) => s === status) ?? 'SENDING';
/** A transaction holds at most 100 items: the delivery and up to 99 lookups (registered addresses are far fewer). */
const MAX_LOOKUPS = 99;

/**
 * String sets added to a record: `delivered` (address ids reached) and `messageIds` (the messages
 * providers accepted). DynamoDB refuses empty sets, so an empty one adds nothing.
 */
interface AddedSets {
  readonly delivered?: readonly string[];
  readonly messageIds?: readonly string[];
}

/** The non-empty sets by attribute name, as the document client writes string sets. */
function stringSets(sets: AddedSets): [string, Set<string>][] {
  return Object.entries(sets).flatMap(([name, values]: [string, readonly string[] | undefined]): [string, Set<string>][] => (values && values.length > 0 ? [[name, new Set(values)]] : []));
}

function addSets(sets: AddedSets = {}): { clause: string; names: Record<string, string>; values: Record<string, unknown> } {
  const added = stringSets(sets);
  return {
    clause: added.map(([name]) => `, #${name} :${name}`).join(''),
    names: Object.fromEntries(added.map(([name]) => [`#${name}`, name])),
    values: Object.fromEntries(added.map(([name, set]) => [`:${name}`, set])),
  };
}

/** What `claimExisting`'s condition lets a new claim take over: the notifier's own FAILED, or SENDING under a released or expired lease. */
function replayable(record: Record<string, AttributeValue>, nowMs: number): boolean {
  const status = record.status?.S;
  if (status === 'FAILED') return record.reportedAt === undefined;
  return status === 'SENDING' && Number(record.leaseExpiresAt?.N ?? 0) < nowMs;
}

function deliveredOf(value: unknown): string[] {
  return value instanceof Set ? [...value].filter((id): id is string => typeof id === 'string').sort() : [];
}

/** How many records put whole a ledger remembers at most (a container handles a few batches at a time). */
const MAX_REMEMBERED = 1000;

/** Delivery records in `NotificationDeliveries` (docs/internal-contracts.md); every write is conditional. */
export class DynamoDeliveryLedger implements DeliveryLedger {
  /**
   * The records `claim` and `claimAll` put whole, by delivery id, until their lease holder
   * finishes them: a SENT record of one is put whole too. Nothing else writes a record under its
   * holder's lease, so this equals the update (at the same cost in DynamoDB; moto, which every
   * test and benchmark runs on, spends ~10 ms validating an update of this size and well under
   * 1 ms on a put).
   */
  private readonly putWhole = new Map<string, Record<string, unknown>>();

  constructor(private readonly options: DynamoDeliveryLedgerOptions) {}

  /**
   * The common case first: a delivery with no record yet is put whole (a new record has nothing to
   * keep). If it has one, the put wrote nothing and returns the record it found: a record this
   * claim wrote itself (the SDK retried a put whose answer was lost) is claimed; one that cannot
   * be claimed now (done, reported, or under a live lease) is answered from what the put found;
   * only a replayable one (the notifier's own FAILED, a released or expired lease) goes on to
   * `claimExisting`, which applies the full condition.
   */
  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const fresh = this.newRecord(request);
    let found: Record<string, AttributeValue> | undefined;
    try {
      await this.options.client.send(new PutCommand({ ...fresh, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
      this.remember(fresh.Item);
      return { claimed: true, delivered: [] };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      found = error.Item;
    }
    if (!found) return this.claimExisting(request);
    if (found.leaseToken?.S === request.leaseToken) return { claimed: true, delivered: found.delivered?.SS?.slice().sort() ?? [] };
    if (!replayable(found, request.now.getTime())) return { claimed: false, status: statusOf(found.status?.S) };
    return this.claimExisting(request);
  }

  private async claimExisting(request: ClaimRequest): Promise<ClaimResult> {
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

  /**
   * The claims of a batch's records in one request: new deliveries are put whole, together, in
   * one transaction. If any already has a record (a redelivery, a replay, a lease to take over),
   * the transaction wrote nothing and each is claimed on its own, as `claim` does. A lone record
   * is claimed by `claim` at once.
   */
  async claimAll(requests: readonly ClaimRequest[]): Promise<ClaimResult[]> {
    if (requests.length <= 1 || requests.length > MAX_TRANSACTION_ITEMS) return Promise.all(requests.map((request) => this.claim(request)));
    const puts = requests.map((request) => this.newRecord(request));
    try {
      await this.options.client.send(
        new TransactWriteCommand({
          TransactItems: puts.map((put) => ({ Put: put })),
          // An SDK retry of a transaction that did commit succeeds instead of finding the claims taken.
          ClientRequestToken: requestToken(requests.map((r) => r.leaseToken)),
        }),
      );
      for (const put of puts) this.remember(put.Item);
      return requests.map(() => ({ claimed: true, delivered: [] }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      return Promise.all(requests.map((request) => this.claim(request)));
    }
  }

  private remember(item: Record<string, unknown> | undefined): void {
    const id = item?.DeliveryID;
    if (typeof id !== 'string' || !item) return;
    // Oldest first: one a crashed invocation never finished.
    if (this.putWhole.size >= MAX_REMEMBERED) this.putWhole.delete(this.putWhole.keys().next().value ?? '');
    this.putWhole.set(id, item);
  }

  /** The record `claim` or `claimAll` put whole for `key` if `leaseToken` still names it; forgotten either way. */
  private takeRemembered(key: DeliveryKey, leaseToken: string): Record<string, unknown> | undefined {
    const id = deliveryId(key);
    const item = this.putWhole.get(id);
    this.putWhole.delete(id);
    return item?.leaseToken === leaseToken ? item : undefined;
  }

  /** The SENDING record of a delivery that has none yet: what `claim` writes in that case. */
  private newRecord(request: ClaimRequest): PutInput & { Item: Record<string, unknown> } {
    const now = request.now.toISOString();
    return {
      TableName: this.options.tableName,
      Item: {
        DeliveryID: deliveryId(request),
        status: 'SENDING',
        eventId: request.eventId,
        channel: request.channel,
        eventType: request.eventType,
        accountId: request.accountId,
        leaseToken: request.leaseToken,
        leaseExpiresAt: request.now.getTime() + request.leaseSeconds * 1000,
        updatedAt: now,
        createdAt: now,
        attempts: 0,
        expiresAt: expiryOf(request.now, this.options.retentionDays),
      },
      ConditionExpression: 'attribute_not_exists(DeliveryID)',
    };
  }

  markSent(key: DeliveryKey, update: SentUpdate): Promise<boolean> {
    const { record, lookups } = this.sentWrite(key, update);
    return this.leaseWrite(record, lookups);
  }

  /**
   * SENT records of several deliveries, with their lookup items, in as few transactions as fit.
   * A delivery whose lease was lost gets false and drops out of the transaction, which is tried
   * again for the others.
   */
  async markAllSent(entries: readonly SentEntry[]): Promise<boolean[]> {
    const writes = entries.map(({ key, update }) => this.sentWrite(key, update));
    const answers: boolean[] = [];
    for (const chunk of transactionChunks(writes)) {
      const written = await this.writeTogether(chunk.flatMap((i) => writes[i] ?? []));
      for (const [n, i] of chunk.entries()) answers[i] = written[n] ?? false;
    }
    return answers;
  }

  private async writeTogether(writes: readonly SentWrite[]): Promise<boolean[]> {
    const answers = writes.map(() => true);
    let remaining = writes.map((_, i) => i);
    while (remaining.length > 0) {
      const items = remaining.flatMap((i) => {
        const write = writes[i];
        return write ? [asTransactItem(write.record), ...write.lookups] : [];
      });
      try {
        await this.options.client.send(new TransactWriteCommand({ TransactItems: items }));
        return answers;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const lost = lostLeases(remaining.map((i) => 1 + (writes[i]?.lookups.length ?? 0)), error);
        if (lost.length === 0) {
          // Cancelled for another reason (a conflict): each on its own, as markSent would.
          const alone = await Promise.all(remaining.map((i) => (writes[i] ? this.leaseWrite(writes[i].record, writes[i].lookups) : false)));
          for (const [n, i] of remaining.entries()) answers[i] = alone[n] ?? false;
          return answers;
        }
        for (const n of lost) answers[remaining[n] ?? -1] = false;
        remaining = remaining.filter((_, n) => !lost.includes(n));
      }
    }
    return answers;
  }

  private sentWrite(key: DeliveryKey, update: SentUpdate): SentWrite {
    const fields = {
      ...(update.provider && update.providerMessageId ? { provider: update.provider, providerMessageId: update.providerMessageId } : {}),
      ...(update.to ? { to: update.to } : {}),
      ...(update.customerId ? { customerId: update.customerId } : {}),
      sentAt: update.now.toISOString(),
    };
    const id = deliveryId(key);
    const expiresAt = expiryOf(update.now, this.options.retentionDays);
    const accepted = update.accepted ?? [];
    const messageIds = accepted.map((message) => message.providerMessageId);
    // Only messages whose reports do not carry the notification key need to be found by id.
    const lookups = accepted.filter((message) => message.lookup !== false).slice(0, MAX_LOOKUPS).map((message) => ({
      Put: {
        TableName: this.options.tableName,
        Item: { DeliveryID: messageLookupId(message), recordType: 'MESSAGE', deliveryId: id, provider: message.provider, expiresAt },
      },
    }));
    const whole = this.takeRemembered(key, update.leaseToken);
    const sets = { delivered: update.delivered, messageIds };
    if (!whole) return { record: { update: this.finishUpdate(key, update, 'SENT', update.attempts, fields, sets) }, lookups };
    // What the update would leave: the lease gone, the attempts added, the sets of a new record set.
    const { leaseToken: _token, leaseExpiresAt: _until, ...kept } = whole;
    const attempts = (typeof kept.attempts === 'number' ? kept.attempts : 0) + update.attempts;
    const item = { ...kept, ...fields, ...Object.fromEntries(stringSets(sets)), status: 'SENT', updatedAt: update.now.toISOString(), attempts };
    return { record: { put: this.leasePut(item, update.leaseToken) }, lookups };
  }

  /** A whole record, written only while `leaseToken` still holds the claim. */
  private leasePut(item: Record<string, unknown>, leaseToken: string): PutInput {
    return {
      TableName: this.options.tableName,
      Item: item,
      ConditionExpression: '#leaseToken = :token',
      ExpressionAttributeNames: { '#leaseToken': 'leaseToken' },
      ExpressionAttributeValues: { ':token': leaseToken },
    };
  }

  markSkipped(key: DeliveryKey, update: FinishBase & { reason: string }): Promise<boolean> {
    this.takeRemembered(key, update.leaseToken);
    return this.leaseWrite({ update: this.finishUpdate(key, update, 'SKIPPED', 0, { skipReason: update.reason }) });
  }

  markFailed(key: DeliveryKey, update: FinishBase & DeliveredTo & { attempts: number; lastError: DeliveryError }): Promise<boolean> {
    this.takeRemembered(key, update.leaseToken);
    return this.leaseWrite({ update: this.finishUpdate(key, update, 'FAILED', update.attempts, { lastError: update.lastError }, { delivered: update.delivered }) });
  }

  async release(key: DeliveryKey, update: FinishBase & DeliveredTo & { attempts: number; lastError: DeliveryError }): Promise<boolean> {
    this.takeRemembered(key, update.leaseToken);
    // Stays SENDING with an expired lease: the next receive claims it at once.
    const adds = addSets({ delivered: update.delivered });
    return this.leaseWrite({
      update: this.leaseUpdate(key, update.leaseToken, `SET #lastError = :lastError, #leaseExpiresAt = :zero, #updatedAt = :now REMOVE #leaseToken ADD #attempts :attempts${adds.clause}`, {
        names: { '#lastError': 'lastError', '#leaseExpiresAt': 'leaseExpiresAt', '#updatedAt': 'updatedAt', '#attempts': 'attempts', ...adds.names },
        values: { ':lastError': update.lastError, ':zero': 0, ':now': update.now.toISOString(), ':attempts': update.attempts, ...adds.values },
      }),
    });
  }

  private finishUpdate(key: DeliveryKey, update: FinishBase, status: DeliveryStatus, attempts: number, fields: Record<string, unknown>, added?: AddedSets): UpdateInput {
    const adds = addSets(added);
    const names: Record<string, string> = { '#status': 'status', '#updatedAt': 'updatedAt', '#attempts': 'attempts', '#leaseExpiresAt': 'leaseExpiresAt', ...adds.names };
    const values: Record<string, unknown> = { ':status': status, ':now': update.now.toISOString(), ':attempts': attempts, ...adds.values };
    const sets = ['#status = :status', '#updatedAt = :now'];
    for (const [index, [name, value]] of Object.entries(fields).entries()) {
      names[`#f${index}`] = name;
      values[`:f${index}`] = value;
      sets.push(`#f${index} = :f${index}`);
    }
    return this.leaseUpdate(key, update.leaseToken, `SET ${sets.join(', ')} REMOVE #leaseToken, #leaseExpiresAt ADD #attempts :attempts${adds.clause}`, { names, values });
  }

  /** An update that applies only while `leaseToken` still holds the claim. */
  private leaseUpdate(key: DeliveryKey, leaseToken: string, expression: string, { names, values }: { names: Record<string, string>; values: Record<string, unknown> }): UpdateInput {
    return {
      TableName: this.options.tableName,
      Key: { DeliveryID: deliveryId(key) },
      UpdateExpression: expression,
      ConditionExpression: '#leaseToken = :token',
      ExpressionAttributeNames: { ...names, '#leaseToken': 'leaseToken' },
      ExpressionAttributeValues: { ...values, ':token': leaseToken },
    };
  }

  /** Writes a record under its lease (with `alongside` items in one transaction); false when the lease was lost. */
  private async leaseWrite(record: RecordWrite, alongside: readonly TransactItem[] = []): Promise<boolean> {
    try {
      if (alongside.length > 0) await this.options.client.send(new TransactWriteCommand({ TransactItems: [asTransactItem(record), ...alongside] }));
      else if ('update' in record) await this.options.client.send(new UpdateCommand(record.update));
      else await this.options.client.send(new PutCommand(record.put));
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
    return statusOf(Item?.status);
  }
}
