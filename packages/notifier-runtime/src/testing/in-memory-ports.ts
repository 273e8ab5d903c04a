import type {
  ClaimRequest,
  ClaimResult,
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
} from '../ports';

/** Recipients held in a map; `lookups` counts calls. */
export class InMemoryRecipientDirectory implements RecipientDirectory {
  readonly recipients = new Map<string, Recipient>();
  lookups = 0;

  constructor(recipients: readonly Recipient[] = []) {
    for (const recipient of recipients) this.recipients.set(recipient.accountId, recipient);
  }

  async find(accountId: string): Promise<Recipient | undefined> {
    this.lookups += 1;
    return this.recipients.get(accountId);
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
  leaseToken?: string;
  leaseExpiresAt: number;
  createdAt: string;
  updatedAt: string;
}

/** Same conditional semantics as DynamoDeliveryLedger, in a map keyed `<eventId>#<channel>`. */
export class InMemoryDeliveryLedger implements DeliveryLedger {
  readonly deliveries = new Map<string, InMemoryDelivery>();

  get(eventId: string, channel: string): InMemoryDelivery | undefined {
    return this.deliveries.get(`${eventId}#${channel}`);
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const id = `${request.eventId}#${request.channel}`;
    const existing = this.deliveries.get(id);
    const nowMs = request.now.getTime();
    const claimable = !existing || existing.status === 'FAILED' || (existing.status === 'SENDING' && existing.leaseExpiresAt < nowMs);
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
      leaseToken: request.leaseToken,
      leaseExpiresAt: nowMs + request.leaseSeconds * 1000,
      createdAt: existing?.createdAt ?? iso,
      updatedAt: iso,
    });
    return { claimed: true };
  }

  async markSent(key: DeliveryKey, update: FinishBase & { provider: string; providerMessageId: string; attempts: number }): Promise<boolean> {
    return this.update(key, update.leaseToken, (d) => {
      Object.assign(d, { status: 'SENT', provider: update.provider, providerMessageId: update.providerMessageId });
      this.finish(d, update, update.attempts);
    });
  }

  async markSkipped(key: DeliveryKey, update: FinishBase & { reason: string }): Promise<boolean> {
    return this.update(key, update.leaseToken, (d) => {
      Object.assign(d, { status: 'SKIPPED', skipReason: update.reason });
      this.finish(d, update, 0);
    });
  }

  async markFailed(key: DeliveryKey, update: FinishBase & { attempts: number; lastError: DeliveryError }): Promise<boolean> {
    return this.update(key, update.leaseToken, (d) => {
      Object.assign(d, { status: 'FAILED', lastError: update.lastError });
      this.finish(d, update, update.attempts);
    });
  }

  async release(key: DeliveryKey, update: FinishBase & { attempts: number; lastError: DeliveryError }): Promise<boolean> {
    return this.update(key, update.leaseToken, (d) => {
      d.lastError = update.lastError;
      d.leaseExpiresAt = 0;
      d.leaseToken = undefined;
      d.attempts += update.attempts;
      d.updatedAt = update.now.toISOString();
    });
  }

  private finish(d: InMemoryDelivery, update: FinishBase, attempts: number): void {
    d.attempts += attempts;
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
