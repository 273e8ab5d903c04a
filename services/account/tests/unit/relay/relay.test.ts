import type { OutboundEvent } from '../../../src/relay/ports';
import { toEvent } from '../../../src/relay/event-mapper';
import { relayChanges, type StreamChange } from '../../../src/relay/relay';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const txImage = (n: number, type = 'DEPOSIT') => ({
  AccountID: '123456789',
  TransactionID: `TX#01JAAAAAAAAAAAAAAAAAAAAA${String(n).padStart(2, '0')}`,
  recordType: 'TRANSACTION',
  transactionId: `01JAAAAAAAAAAAAAAAAAAAAA${String(n).padStart(2, '0')}`,
  accountId: '123456789',
  type,
  amount: 100_000,
  balanceAfter: 500_000,
  currency: 'USD',
  timestamp: '2026-11-24T10:00:00.000Z',
  correlationId: 'corr-1',
  notify: ['email', 'sms'],
});

const change = (n: number, image: Record<string, unknown> = txImage(n), eventName: StreamChange['eventName'] = 'INSERT'): StreamChange => ({
  eventName,
  sequenceNumber: String(100 + n),
  newImage: image,
});

class FakePublisher {
  readonly batches: OutboundEvent[][] = [];
  failOnCall = -1;
  async publish(events: readonly OutboundEvent[]): Promise<void> {
    if (this.batches.length === this.failOnCall) {
      this.failOnCall = -1;
      throw new Error('SNS down');
    }
    this.batches.push([...events]);
  }
}

describe('toEvent', () => {
  it('turns a deposit record into a MoneyDeposited CloudEvent with a deterministic id and no PII', () => {
    const event = toEvent(change(1)) as Record<string, unknown>;
    expect(event).toMatchObject({
      specversion: '1.0',
      id: '01JAAAAAAAAAAAAAAAAAAAAA01',
      source: 'bank.account',
      type: 'MoneyDeposited',
      subject: '123456789',
      correlationid: 'corr-1',
      data: { accountId: '123456789', amount: 100_000, balanceAfter: 500_000, currency: 'USD', type: 'DEPOSIT' },
    });
  });

  it('turns a new account item into AccountOpened without the owner profile', () => {
    const event = toEvent(
      change(2, {
        recordType: 'ACCOUNT',
        accountId: '42',
        balance: 0,
        currency: 'USD',
        createdAt: '2026-11-24T10:00:00.000Z',
        owner: { name: 'Ada', email: 'ada@example.com' },
        notifications: { email: true },
      }),
    );
    expect(event).toMatchObject({ id: 'account-opened-42', type: 'AccountOpened' });
    expect(JSON.stringify(event)).not.toContain('ada@example.com');
  });

  it('ignores balance updates, idempotency records and counters', () => {
    expect(toEvent(change(3, txImage(3), 'MODIFY'))).toBeUndefined();
    expect(toEvent(change(4, { recordType: 'IDEMPOTENCY' }))).toBeUndefined();
    expect(toEvent(change(5, { withdrawn: 5 }))).toBeUndefined();
  });
});

describe('relayChanges', () => {
  it('publishes valid events in stream order, ten per call', async () => {
    const publisher = new FakePublisher();
    const result = await relayChanges(Array.from({ length: 12 }, (_, i) => change(i + 1)), publisher, silent);
    expect(result).toEqual({ published: 12 });
    expect(publisher.batches.map((b) => b.length)).toEqual([10, 2]);
    expect(publisher.batches[0]?.[0]?.notify).toEqual(['email', 'sms']);
  });

  it('reports the first unpublished record so nothing after it is skipped', async () => {
    const publisher = new FakePublisher();
    publisher.failOnCall = 1;
    const result = await relayChanges(Array.from({ length: 12 }, (_, i) => change(i + 1)), publisher, silent);
    expect(result).toEqual({ published: 10, failedAt: '111' });
  });

  it('never publishes an event that fails its schema, and reports it', async () => {
    const publisher = new FakePublisher();
    const broken = { ...txImage(2), amount: -5 };
    const result = await relayChanges([change(1), change(2, broken), change(3)], publisher, silent);
    expect(result).toEqual({ published: 1, failedAt: '102' });
    expect(publisher.batches.flat().map((o) => o.event.id)).toEqual(['01JAAAAAAAAAAAAAAAAAAAAA01']);
  });
});
