import type { ChannelAddress } from '@bank/topology';
import { deliveryId, messageLookupId } from '../delivery-keys';
import type {
  ClaimRequest,
  ClaimResult,
  DeliveredTo,
  DeliveryError,
  DeliveryKey,
  DeliveryLedger,
  DeliveryStatus,
  FinishBase,
  QueueMessageAttribute,
  QueueOps,
  ReceivedMessageRef,
  Recipient,
  RecipientDirectory,
  RegistrySource,
  SentUpdate,
} from '../ports';
import { accountFromItem, identityAddresses, NO_ADDRESSES, registryAddresses } from '../recipients';

type Item = Readonly<Record<string, unknown>>;

/**
 * Recipients kept in the accounts table's item layout (docs/internal-contracts.md), read with the
 * same rules as the DynamoDB adapter: account items by account id, profiles and registry entries
 * by owner. `lookups` counts `find` calls; `forgotten` lists deleted registry entries.
 */
export class InMemoryRecipientDirectory implements RecipientDirectory {
  readonly accounts = new Map<string, Item>();
  readonly profiles = new Map<string, Item>();
  /** `<ownerId>#<registry>` → entries. */
  readonly registries = new Map<string, Item[]>();
  readonly forgotten: { ownerId: string; registry: string; entryId: string }[] = [];
  lookups = 0;

  /** Adds an account item (`accountId`, `ownerId`, `notifications`). */
  putAccount(item: Item & { accountId: string }): this {
    this.accounts.set(item.accountId, item);
    return this;
  }

  /** Adds a profile item (`customerId`, `contacts`). */
  putProfile(item: Item & { customerId: string }): this {
    this.profiles.set(item.customerId, item);
    return this;
  }

  /** Adds a registry entry item (`entryId`, `address`, `attributes`). */
  putEntry(ownerId: string, registry: string, item: Item): this {
    const key = `${ownerId}#${registry}`;
    this.registries.set(key, [...(this.registries.get(key) ?? []), item]);
    return this;
  }

  async find(accountId: string, source: ChannelAddress): Promise<Recipient | undefined> {
    this.lookups += 1;
    const item = this.accounts.get(accountId);
    if (!item) return undefined;
    const account = accountFromItem(accountId, item);
    const owner = account.ownerId;
    const book = !owner
      ? NO_ADDRESSES
      : source.kind === 'identity'
        ? identityAddresses(this.profiles.get(owner), source.attribute)
        : registryAddresses(this.registries.get(`${owner}#${source.registry}`) ?? []);
    return { ...account, addresses: book.addresses, excluded: book.excluded };
  }

  async forget(ownerId: string, source: RegistrySource, entryId: string, address: string): Promise<boolean> {
    const key = `${ownerId}#${source.registry}`;
    const entries = this.registries.get(key) ?? [];
    const kept = entries.filter((entry) => !(entry.entryId === entryId && entry.address === address));
    if (kept.length === entries.length) return false;
    this.registries.set(key, kept);
    this.forgotten.push({ ownerId, registry: source.registry, entryId });
    return true;
  }
}

/** A delivery record as the in-memory ledger keeps it (the same fields as the DynamoDB item). */
export interface InMemoryDelivery {
  eventId: string;
  channel: string;
  eventType: string;
  accountId: string;
  status: DeliveryStatus;
  attempts: number;
  provider?: string;
  providerMessageId?: string;
  skipReason?: string;
  lastError?: DeliveryError;
  /** Masked addresses, owner and send time (SENT). */
  to?: string;
  customerId?: string;
  sentAt?: string;
  /** When a provider's status callback last changed the status. */
  reportedAt?: string;
  errorCode?: string;
  /** Address ids reached so far. */
  delivered: string[];
  /** Ids of the messages providers accepted (status reports that name their delivery must name one of these). */
  messageIds?: string[];
  leaseToken?: string;
  leaseExpiresAt: number;
  createdAt: string;
  updatedAt: string;
}

/** Same conditional semantics as DynamoDeliveryLedger, in a map keyed `<eventId>#<channel>`. */
export class InMemoryDeliveryLedger implements DeliveryLedger {
  readonly deliveries = new Map<string, InMemoryDelivery>();
  /** Lookup items: `MSG#<provider>#<providerMessageId>` → delivery id. */
  readonly lookups = new Map<string, string>();

  get(eventId: string, channel: string): InMemoryDelivery | undefined {
    return this.deliveries.get(`${eventId}#${channel}`);
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const id = `${request.eventId}#${request.channel}`;
    const existing = this.deliveries.get(id);
    const nowMs = request.now.getTime();
    const claimable =
      !existing || (existing.status === 'FAILED' && existing.reportedAt === undefined) || (existing.status === 'SENDING' && existing.leaseExpiresAt < nowMs);
    if (!claimable) return { claimed: false, status: existing.status };
    const iso = request.now.toISOString();
    this.deliveries.set(id, {
      ...existing,
      eventId: request.eventId,
      channel: request.channel,
      eventType: request.eventType,
      accountId: request.accountId,
      status: 'SENDING',
      attempts: existing?.attempts ?? 0,
      delivered: existing?.delivered ?? [],
      leaseToken: request.leaseToken,
      leaseExpiresAt: nowMs + request.leaseSeconds * 1000,
      createdAt: existing?.createdAt ?? iso,
      updatedAt: iso,
    });
    return { claimed: true, delivered: [...(this.deliveries.get(id)?.delivered ?? [])] };
  }

  async markSent(key: DeliveryKey, update: SentUpdate): Promise<boolean> {
    return this.update(key, update.leaseToken, (d) => {
      d.status = 'SENT';
      d.sentAt = update.now.toISOString();
      if (update.provider && update.providerMessageId) Object.assign(d, { provider: update.provider, providerMessageId: update.providerMessageId });
      if (update.to) d.to = update.to;
      if (update.customerId) d.customerId = update.customerId;
      const accepted = update.accepted ?? [];
      if (accepted.length > 0) d.messageIds = [...new Set([...(d.messageIds ?? []), ...accepted.map((m) => m.providerMessageId)])];
      for (const message of accepted) if (message.lookup !== false) this.lookups.set(messageLookupId(message), deliveryId(key));
      this.finish(d, update, update.attempts);
    });
  }

  async markSkipped(key: DeliveryKey, update: FinishBase & { reason: string }): Promise<boolean> {
    return this.update(key, update.leaseToken, (d) => {
      Object.assign(d, { status: 'SKIPPED', skipReason: update.reason });
      this.finish(d, update, 0);
    });
  }

  async markFailed(key: DeliveryKey, update: FinishBase & DeliveredTo & { attempts: number; lastError: DeliveryError }): Promise<boolean> {
    return this.update(key, update.leaseToken, (d) => {
      Object.assign(d, { status: 'FAILED', lastError: update.lastError });
      this.finish(d, update, update.attempts);
    });
  }

  async release(key: DeliveryKey, update: FinishBase & DeliveredTo & { attempts: number; lastError: DeliveryError }): Promise<boolean> {
    return this.update(key, update.leaseToken, (d) => {
      d.lastError = update.lastError;
      d.leaseExpiresAt = 0;
      d.leaseToken = undefined;
      d.attempts += update.attempts;
      d.delivered = [...new Set([...d.delivered, ...(update.delivered ?? [])])];
      d.updatedAt = update.now.toISOString();
    });
  }

  private finish(d: InMemoryDelivery, update: FinishBase & DeliveredTo, attempts: number): void {
    d.attempts += attempts;
    d.delivered = [...new Set([...d.delivered, ...(update.delivered ?? [])])];
    d.leaseToken = undefined;
    d.leaseExpiresAt = 0;
    d.updatedAt = update.now.toISOString();
  }

  private update(key: DeliveryKey, leaseToken: string, change: (d: InMemoryDelivery) => void): boolean {
    const delivery = this.deliveries.get(`${key.eventId}#${key.channel}`);
    if (!delivery || delivery.leaseToken !== leaseToken) return false;
    change(delivery);
    return true;
  }
}

export interface DeadLetteredMessage {
  readonly channel: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, QueueMessageAttribute>>;
}

/** Records every queue operation; `failDeadLetter` makes the DLQ send throw. */
export class InMemoryQueueOps implements QueueOps {
  readonly visibilityChanges: { message: ReceivedMessageRef; seconds: number }[] = [];
  readonly deadLettered: DeadLetteredMessage[] = [];
  readonly deleted: ReceivedMessageRef[] = [];
  failDeadLetter = false;

  async changeVisibility(message: ReceivedMessageRef, seconds: number): Promise<void> {
    this.visibilityChanges.push({ message, seconds });
  }

  async sendToDeadLetterQueue(channel: string, body: string, attributes: Readonly<Record<string, QueueMessageAttribute>>): Promise<void> {
    if (this.failDeadLetter) throw new Error('dead-letter queue unavailable');
    this.deadLettered.push({ channel, body, attributes });
  }

  async deleteMessage(message: ReceivedMessageRef): Promise<void> {
    this.deleted.push(message);
  }
}
