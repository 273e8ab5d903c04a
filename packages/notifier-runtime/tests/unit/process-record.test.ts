import { AddressGoneError, defineCallbacks, PermanentError, RetryableError } from '@bank/plugin-sdk';
import { CHANNELS, defineChannel, type ChannelDef } from '@bank/topology';
import { deliveryIdOfNotificationKey } from '../../src/delivery-keys';
import { processRecord, type NotifierProvider, type ProcessPorts } from '../../src/process-record';
import { templatesFromChannels } from '../../src/templates';
import { createFakePlugin, InMemoryDeliveryLedger, InMemoryQueueOps, type FakePlugin } from '../../src/testing';
import { accountItem, accountOpenedEvent, depositEvent, directoryWithOwner, OWNER_EMAIL, OWNER_ID, OWNER_PHONE, profileItem, registryEntry, sqsRecord, withdrawalEvent } from '../support/fixtures';

const NOW = new Date('2024-05-01T12:00:05.000Z');
const retryPolicy = { maxReceiveCount: 5, baseBackoffSeconds: 1, maxBackoffSeconds: 60 };

/** A channel whose addresses are registered entries (as a push channel's are), declared in the test only. */
const pager = defineChannel({
  name: 'pager',
  notifier: 'notify-pager',
  address: { kind: 'registry', registry: 'pagers' },
  templates: { MoneyDeposited: { title: 'Deposit', body: 'In: {amount}. Balance {balance}.' } },
});
const DECLARED: readonly ChannelDef[] = [...CHANNELS, pager];
const templates = templatesFromChannels(DECLARED);

function declared(name: string): ChannelDef {
  const channel = DECLARED.find((c) => c.name === name);
  if (!channel) throw new Error(`no channel ${name}`);
  return channel;
}

/** Status callbacks of a test provider (what they read does not matter here, only that the plugin declares them). */
const someCallbacks = defineCallbacks<Record<string, never>>({ provider: 'primary', configSchema: { type: 'object' }, config: {}, create: () => ({ verify: () => undefined, parse: () => [] }) });

function setup(channel = 'email', fakes: FakePlugin[] = [createFakePlugin({ id: 'primary', channel })], declares: Pick<NotifierProvider, 'plugin'> = {}) {
  const recipients = directoryWithOwner();
  const ledger = new InMemoryDeliveryLedger();
  const queue = new InMemoryQueueOps();
  const providers: NotifierProvider[] = fakes.map((f) => ({ id: f.plugin.id, instance: f.plugin.create({}), ...declares }));
  const ports: ProcessPorts = {
    channel,
    address: declared(channel).address,
    retryPolicy,
    recipients,
    ledger,
    queue,
    providers,
    templates,
    now: () => NOW,
    random: () => 0.5,
  };
  return { ports, recipients, ledger, queue, fakes };
}

describe('processRecord', () => {
  it('sends, records SENT and acknowledges', async () => {
    const { ports, ledger, fakes } = setup();
    const outcome = await processRecord(sqsRecord(depositEvent()), ports);
    expect(outcome).toMatchObject({ kind: 'sent', provider: 'primary', providerMessageId: 'primary-1', attempts: 1, eventId: depositEvent().id });
    expect(fakes[0]?.sent).toEqual([
      expect.objectContaining({
        channel: 'email',
        to: OWNER_EMAIL,
        subject: 'Transaction Confirmation',
        body: 'Your deposit of $1000 was successful. Your new balance is $5000.',
        idempotencyKey: `${depositEvent().id}:email`,
        eventType: 'MoneyDeposited',
      }),
    ]);
    expect(ledger.get(depositEvent().id, 'email')).toMatchObject({ status: 'SENT', provider: 'primary', providerMessageId: 'primary-1', attempts: 1 });
  });

  it('records the masked address, the owner and a lookup per accepted message, never the address', async () => {
    const { ports, ledger } = setup();
    await processRecord(sqsRecord(depositEvent()), ports);
    const delivery = ledger.get(depositEvent().id, 'email');
    expect(delivery).toMatchObject({ to: `•••@${OWNER_EMAIL.split('@')[1] ?? ''}`, customerId: OWNER_ID, sentAt: NOW.toISOString() });
    expect(JSON.stringify(delivery)).not.toContain(OWNER_EMAIL);
    expect([...ledger.lookups]).toEqual([['MSG#primary#primary-1', `${depositEvent().id}#email`]]);
  });

  describe('lookup items for status reports', () => {
    it('writes none when the plugin says its status reports carry the notification key, and records the message id', async () => {
      const { ports, ledger } = setup('email', undefined, { plugin: { callbacks: someCallbacks, statusReportsCarryKey: true } });
      await processRecord(sqsRecord(depositEvent()), ports);
      expect(ledger.lookups.size).toBe(0);
      expect(ledger.get(depositEvent().id, 'email')).toMatchObject({ status: 'SENT', providerMessageId: 'primary-1', messageIds: ['primary-1'] });
    });

    it('writes none for a plugin without status callbacks', async () => {
      const { ports, ledger } = setup('email', undefined, { plugin: {} });
      await processRecord(sqsRecord(depositEvent()), ports);
      expect(ledger.lookups.size).toBe(0);
    });

    it('writes one for a plugin whose status reports do not carry the key', async () => {
      const { ports, ledger } = setup('email', undefined, { plugin: { callbacks: someCallbacks } });
      await processRecord(sqsRecord(depositEvent()), ports);
      expect([...ledger.lookups]).toEqual([['MSG#primary#primary-1', `${depositEvent().id}#email`]]);
    });

    it('sends a notification key that leads back to the delivery record', async () => {
      const { ports, ledger, fakes } = setup();
      await processRecord(sqsRecord(depositEvent()), ports);
      const key = fakes[0]?.sent[0]?.idempotencyKey ?? '';
      expect(ledger.deliveries.has(deliveryIdOfNotificationKey(key) ?? '')).toBe(true);
    });
  });

  it('sends sms to the phone number', async () => {
    const { ports, fakes } = setup('sms');
    await processRecord(sqsRecord(withdrawalEvent()), ports);
    expect(fakes[0]?.sent[0]).toMatchObject({ to: OWNER_PHONE, body: 'Alert: $500 withdrawn from your account. Available balance: $4500.' });
  });

  it('does not send the same event twice on the same channel', async () => {
    const { ports, fakes } = setup();
    await processRecord(sqsRecord(depositEvent()), ports);
    const second = await processRecord(sqsRecord(depositEvent()), ports);
    expect(second).toMatchObject({ kind: 'duplicate', status: 'SENT' });
    expect(fakes[0]?.calls).toHaveLength(1);
  });

  it('sends the same event once per channel', async () => {
    const email = setup('email');
    const sms = { ...email.ports, channel: 'sms', address: declared('sms').address };
    await processRecord(sqsRecord(depositEvent()), email.ports);
    expect(await processRecord(sqsRecord(depositEvent()), sms)).toMatchObject({ kind: 'sent' });
  });

  it('falls back to the next provider on a retryable failure', async () => {
    const primary = createFakePlugin({ id: 'primary', channel: 'email', behaviour: () => new RetryableError('503', { status: 503 }) });
    const backup = createFakePlugin({ id: 'backup', channel: 'email' });
    const { ports, ledger } = setup('email', [primary, backup]);
    const outcome = await processRecord(sqsRecord(depositEvent()), ports);
    expect(outcome).toMatchObject({ kind: 'sent', provider: 'backup', attempts: 2 });
    expect(ledger.get(depositEvent().id, 'email')).toMatchObject({ status: 'SENT', provider: 'backup', attempts: 2 });
  });

  describe('skips and records SKIPPED', () => {
    it('when the owner turned the channel off', async () => {
      const { ports, recipients, ledger, fakes } = setup();
      recipients.putAccount(accountItem({ notifications: { email: false } }));
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'skipped', reason: 'channel-off' });
      expect(ledger.get(depositEvent().id, 'email')).toMatchObject({ status: 'SKIPPED', skipReason: 'channel-off' });
      expect(fakes[0]?.calls).toHaveLength(0);
    });

    it('when the owner has no contact for the channel', async () => {
      const { ports, recipients, fakes } = setup('sms');
      recipients.putProfile({ ...profileItem(), contacts: { email: { value: OWNER_EMAIL, verified: true } } });
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'skipped', reason: 'no-contact' });
      expect(fakes[0]?.calls).toHaveLength(0);
    });

    it('when the contact is not verified, naming the left-out contact', async () => {
      const { ports, recipients, fakes } = setup('sms');
      recipients.putProfile(profileItem({ phone: { value: OWNER_PHONE, verified: false } }));
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({
        kind: 'skipped',
        reason: 'no-contact',
        gaps: [{ addressId: 'phone', reason: 'unverified-contact' }],
      });
      expect(fakes[0]?.calls).toHaveLength(0);
    });

    it('when the account has no owner profile at all', async () => {
      const { ports, recipients } = setup();
      recipients.profiles.clear();
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'skipped', reason: 'no-contact' });
    });

    it('when the event type has no template on the channel (AccountOpened on sms)', async () => {
      const { ports, ledger, recipients } = setup('sms');
      expect(await processRecord(sqsRecord(accountOpenedEvent()), ports)).toMatchObject({ kind: 'skipped', reason: 'no-template' });
      expect(ledger.get(accountOpenedEvent().id, 'sms')?.status).toBe('SKIPPED');
      expect(recipients.lookups).toBe(0);
    });

    it('and treats a redelivery of a skipped event as a duplicate', async () => {
      const { ports } = setup('sms');
      await processRecord(sqsRecord(accountOpenedEvent()), ports);
      expect(await processRecord(sqsRecord(accountOpenedEvent()), ports)).toMatchObject({ kind: 'duplicate', status: 'SKIPPED' });
    });
  });

  describe('on a retryable failure', () => {
    const failing = () => createFakePlugin({ id: 'primary', channel: 'email', behaviour: () => new RetryableError('rate limited', { status: 429, providerCode: 429 }) });

    it('backs off the message visibility, records lastError and releases the claim', async () => {
      const { ports, ledger, queue } = setup('email', [failing()]);
      const record = sqsRecord(depositEvent(), { receiveCount: 3 });
      const outcome = await processRecord(record, ports);
      expect(outcome).toMatchObject({ kind: 'retry', delaySeconds: 2, failure: { class: 'RetryableError', code: '429', provider: 'primary' } });
      expect(queue.visibilityChanges).toEqual([{ message: { queueArn: record.eventSourceARN, receiptHandle: record.receiptHandle }, seconds: 2 }]);
      expect(queue.deadLettered).toHaveLength(0);
      expect(queue.deleted).toHaveLength(0);
      expect(ledger.get(depositEvent().id, 'email')).toMatchObject({
        status: 'SENDING',
        attempts: 1,
        lastError: { class: 'RetryableError', code: '429', provider: 'primary', at: NOW.toISOString() },
        leaseExpiresAt: 0,
      });
    });

    it('lets the next receive claim and send', async () => {
      const plugin = failing();
      const { ports, ledger } = setup('email', [plugin]);
      await processRecord(sqsRecord(depositEvent(), { receiveCount: 1 }), ports);
      plugin.behave(() => ({ providerMessageId: 'ok-2' }));
      expect(await processRecord(sqsRecord(depositEvent(), { receiveCount: 2 }), ports)).toMatchObject({ kind: 'sent' });
      expect(ledger.get(depositEvent().id, 'email')).toMatchObject({ status: 'SENT', attempts: 2 });
    });

    it('backs off longer on later receives', async () => {
      const { ports } = setup('email', [failing()]);
      const delays = [];
      for (const receiveCount of [1, 2, 3, 4, 5]) {
        const outcome = await processRecord(sqsRecord(depositEvent(`01HZBACKOFF${receiveCount}`), { receiveCount }), { ...ports, random: () => 1 });
        delays.push(outcome.kind === 'retry' ? outcome.delaySeconds : -1);
      }
      expect(delays).toEqual([1, 2, 4, 8, 16]);
    });

    it('treats an unclassified plugin error as retryable', async () => {
      const { ports } = setup('email', [createFakePlugin({ id: 'primary', channel: 'email', behaviour: () => new TypeError('boom') })]);
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'retry' });
    });

    it('retries when the ledger itself fails', async () => {
      const { ports, queue } = setup();
      const ledger = new InMemoryDeliveryLedger();
      ledger.claim = () => Promise.reject(new Error('ProvisionedThroughputExceeded'));
      expect(await processRecord(sqsRecord(depositEvent()), { ...ports, ledger })).toMatchObject({ kind: 'retry', failure: { reason: 'ProvisionedThroughputExceeded' } });
      expect(queue.visibilityChanges).toHaveLength(1);
    });
  });

  it('retries while another worker holds an unexpired claim', async () => {
    const { ports, ledger, fakes } = setup();
    await ledger.claim({ eventId: depositEvent().id, channel: 'email', eventType: 'MoneyDeposited', accountId: '123456789', leaseToken: 'other', now: NOW, leaseSeconds: 60 });
    const outcome = await processRecord(sqsRecord(depositEvent()), ports);
    expect(outcome).toMatchObject({ kind: 'retry', failure: { class: 'DeliveryInProgressError' } });
    expect(fakes[0]?.calls).toHaveLength(0);
    expect(ledger.get(depositEvent().id, 'email')?.leaseToken).toBe('other');
  });

  it('takes over a claim whose lease expired (a crashed worker)', async () => {
    const { ports, ledger } = setup();
    await ledger.claim({ eventId: depositEvent().id, channel: 'email', eventType: 'MoneyDeposited', accountId: '123456789', leaseToken: 'dead', now: new Date(NOW.getTime() - 600_000), leaseSeconds: 60 });
    expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'sent' });
  });

  describe('on a permanent failure', () => {
    it('moves a provider rejection to the DLQ with the failure attributes, deletes it and records FAILED', async () => {
      const plugin = createFakePlugin({ id: 'primary', channel: 'sms', behaviour: () => new PermanentError('invalid number', { providerCode: 21211, status: 400 }) });
      const { ports, ledger, queue } = setup('sms', [plugin]);
      const record = sqsRecord(depositEvent(), { receiveCount: 2 });
      const outcome = await processRecord(record, ports);
      expect(outcome).toMatchObject({ kind: 'permanent', failure: { class: 'PermanentError', code: '21211', provider: 'primary' } });
      expect(queue.deadLettered).toEqual([
        {
          channel: 'sms',
          body: record.body,
          attributes: {
            type: { dataType: 'String', stringValue: 'MoneyDeposited' },
            version: { dataType: 'String', stringValue: '1' },
            'failure-class': { dataType: 'String', stringValue: 'PermanentError' },
            'failure-reason': { dataType: 'String', stringValue: 'invalid number' },
            'failure-code': { dataType: 'String', stringValue: '21211' },
            'failure-provider': { dataType: 'String', stringValue: 'primary' },
            'failure-attempts': { dataType: 'Number', stringValue: '2' },
            'failed-at': { dataType: 'String', stringValue: NOW.toISOString() },
          },
        },
      ]);
      expect(queue.deleted).toEqual([{ queueArn: record.eventSourceARN, receiptHandle: record.receiptHandle }]);
      expect(queue.visibilityChanges).toHaveLength(0);
      expect(ledger.get(depositEvent().id, 'sms')).toMatchObject({
        status: 'FAILED',
        attempts: 1,
        lastError: { class: 'PermanentError', reason: 'invalid number', code: '21211', provider: 'primary' },
      });
    });

    it('does not fall back to another provider', async () => {
      const primary = createFakePlugin({ id: 'primary', channel: 'email', behaviour: () => new PermanentError('unsubscribed') });
      const backup = createFakePlugin({ id: 'backup', channel: 'email' });
      const { ports } = setup('email', [primary, backup]);
      await processRecord(sqsRecord(depositEvent()), ports);
      expect(backup.calls).toHaveLength(0);
    });

    it('dead-letters a body that is not JSON', async () => {
      const { ports, queue } = setup();
      expect(await processRecord(sqsRecord('not json'), ports)).toMatchObject({ kind: 'permanent', failure: { class: 'InvalidMessageError', code: 'INVALID_JSON' } });
      expect(queue.deadLettered[0]?.body).toBe('not json');
      expect(queue.deleted).toHaveLength(1);
    });

    it('dead-letters an event that fails its schema', async () => {
      const { ports, queue, ledger } = setup();
      const invalid = { ...depositEvent(), data: { ...depositEvent().data, amount: 1.5 } };
      expect(await processRecord(sqsRecord(invalid), ports)).toMatchObject({ kind: 'permanent', failure: { code: 'INVALID_EVENT' } });
      expect(queue.deadLettered[0]?.attributes['failure-code']?.stringValue).toBe('INVALID_EVENT');
      expect(ledger.deliveries.size).toBe(0);
    });

    it('dead-letters an event about an unknown account and records FAILED', async () => {
      const { ports, recipients, ledger, queue } = setup();
      recipients.accounts.clear();
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'permanent', failure: { class: 'UnknownAccountError', code: 'UNKNOWN_ACCOUNT' } });
      expect(queue.deadLettered).toHaveLength(1);
      expect(ledger.get(depositEvent().id, 'email')).toMatchObject({ status: 'FAILED', lastError: { code: 'UNKNOWN_ACCOUNT' } });
    });

    it('lets a replayed FAILED delivery be sent again', async () => {
      const { ports, recipients } = setup();
      recipients.accounts.clear();
      await processRecord(sqsRecord(depositEvent()), ports);
      recipients.putAccount(accountItem());
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'sent' });
    });

    it('replaces the failure attributes of an earlier failure on a replayed message', async () => {
      const { ports, queue } = setup();
      const record = sqsRecord('bad', {
        attributes: { 'replay-count': { dataType: 'Number', stringValue: '1' }, 'failure-class': { dataType: 'String', stringValue: 'Old' }, 'failure-provider': { dataType: 'String', stringValue: 'x' } },
      });
      await processRecord(record, ports);
      const attributes = queue.deadLettered[0]?.attributes ?? {};
      expect(attributes['replay-count']).toEqual({ dataType: 'Number', stringValue: '1' });
      expect(attributes['failure-class']?.stringValue).toBe('InvalidMessageError');
      expect(attributes['failure-provider']).toBeUndefined();
    });

    it('falls back to a retry when the DLQ cannot be reached, without deleting the message', async () => {
      const { ports, queue } = setup();
      queue.failDeadLetter = true;
      expect(await processRecord(sqsRecord('bad'), ports)).toMatchObject({ kind: 'retry' });
      expect(queue.deleted).toHaveLength(0);
      expect(queue.visibilityChanges).toHaveLength(1);
    });
  });

  describe('on a channel whose addresses are registry entries', () => {
    const endpoint = (id: string) => `https://push.example.test/${id}`;
    function registered(...ids: string[]) {
      const fake = createFakePlugin({ id: 'pagerco', channel: 'pager' });
      const harness = setup('pager', [fake]);
      harness.recipients.putAccount(accountItem({ notifications: { pager: true } }));
      for (const id of ids) harness.recipients.putEntry(OWNER_ID, 'pagers', registryEntry('pagers', id, endpoint(id)));
      return { ...harness, fake };
    }

    it('sends to every entry with its attributes and its own idempotency key, and records SENT once', async () => {
      const { ports, ledger, fake } = registered('d1', 'd2');
      const outcome = await processRecord(sqsRecord(depositEvent()), ports);
      expect(outcome).toMatchObject({ kind: 'sent', addresses: 2, attempts: 2 });
      expect(fake.sent.map((m) => [m.to, m.toAttributes, m.idempotencyKey])).toEqual([
        [endpoint('d1'), { p256dh: 'key-d1', auth: 'auth-d1' }, `${depositEvent().id}:pager:d1`],
        [endpoint('d2'), { p256dh: 'key-d2', auth: 'auth-d2' }, `${depositEvent().id}:pager:d2`],
      ]);
      expect(fake.sent[0]).toMatchObject({
        title: 'Deposit',
        body: 'In: $1000. Balance $5000.',
        data: { eventType: 'MoneyDeposited', accountSuffix: '6789', transactionId: depositEvent().id },
      });
      expect(ledger.get(depositEvent().id, 'pager')).toMatchObject({ status: 'SENT', delivered: ['d1', 'd2'] });
      // Each address's key leads back to the one delivery record.
      expect(fake.sent.map((m) => deliveryIdOfNotificationKey(m.idempotencyKey))).toEqual([`${depositEvent().id}#pager`, `${depositEvent().id}#pager`]);
      expect(ledger.deliveries.has(`${depositEvent().id}#pager`)).toBe(true);
    });

    it('forgets exactly the entry the provider says is gone and still delivers to the others', async () => {
      const { ports, recipients, queue, fake } = registered('d1', 'd2');
      fake.behave((message, n) => (message.to === endpoint('d1') ? new AddressGoneError('410', { status: 410 }) : { providerMessageId: `ok-${n}` }));
      const outcome = await processRecord(sqsRecord(depositEvent()), ports);
      expect(outcome).toMatchObject({ kind: 'sent', addresses: 1, gaps: [{ addressId: 'd1', reason: 'subscription-expired' }] });
      expect(recipients.forgotten).toEqual([{ ownerId: OWNER_ID, registry: 'pagers', entryId: 'd1' }]);
      expect(recipients.registries.get(`${OWNER_ID}#pagers`)?.map((e) => e.entryId)).toEqual(['d2']);
      expect(queue.deadLettered).toHaveLength(0);
    });

    it('skips as subscription-expired, without a dead letter, when every entry is gone', async () => {
      const { ports, ledger, queue, fake } = registered('d1');
      fake.behave(() => new AddressGoneError('404', { status: 404 }));
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'skipped', reason: 'subscription-expired' });
      expect(ledger.get(depositEvent().id, 'pager')).toMatchObject({ status: 'SKIPPED', skipReason: 'subscription-expired' });
      expect(queue.deadLettered).toHaveLength(0);
      expect(queue.deleted).toHaveLength(0);
    });

    it('keeps an entry registered again with a new address while the old one failed', async () => {
      const { ports, recipients, fake } = registered('d1');
      fake.behave(() => {
        recipients.registries.set(`${OWNER_ID}#pagers`, [registryEntry('pagers', 'd1', endpoint('d1-renewed'))]);
        return new AddressGoneError('410', { status: 410 });
      });
      await processRecord(sqsRecord(depositEvent()), ports);
      expect(recipients.forgotten).toEqual([]);
      expect(recipients.registries.get(`${OWNER_ID}#pagers`)?.[0]?.address).toBe(endpoint('d1-renewed'));
    });

    it('retries after a retryable failure on one entry and then sends only to that one', async () => {
      const { ports, fake } = registered('d1', 'd2');
      fake.behave((message, n) => (message.to === endpoint('d2') ? new RetryableError('503', { status: 503 }) : { providerMessageId: `ok-${n}` }));
      expect(await processRecord(sqsRecord(depositEvent(), { receiveCount: 1 }), ports)).toMatchObject({ kind: 'retry' });
      fake.behave((_message, n) => ({ providerMessageId: `ok-${n}` }));
      expect(await processRecord(sqsRecord(depositEvent(), { receiveCount: 2 }), ports)).toMatchObject({ kind: 'sent', addresses: 2 });
      expect(fake.sent.map((m) => m.to)).toEqual([endpoint('d1'), endpoint('d2')]);
    });

    it('leaves out a malformed entry, naming it, and sends to the well-formed ones', async () => {
      const { ports, recipients, fake } = registered('d1');
      recipients.putEntry(OWNER_ID, 'pagers', registryEntry('pagers', 'bad', endpoint('bad'), { p256dh: 42 }));
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'sent', gaps: [{ addressId: 'bad', reason: 'invalid-entry' }] });
      expect(fake.sent.map((m) => m.to)).toEqual([endpoint('d1')]);
    });

    it('skips as no-contact when nothing is registered', async () => {
      const { ports } = registered();
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'skipped', reason: 'no-contact' });
    });
  });

  it('dead-letters a gone identity contact: it cannot be forgotten here', async () => {
    const plugin = createFakePlugin({ id: 'primary', channel: 'email', behaviour: () => new AddressGoneError('mailbox gone', { status: 410 }) });
    const { ports, queue } = setup('email', [plugin]);
    expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'permanent', failure: { class: 'AddressGoneError' } });
    expect(queue.deadLettered).toHaveLength(1);
  });
});
