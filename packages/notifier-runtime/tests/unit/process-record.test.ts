import { PermanentError, RetryableError, type FallbackProvider } from '@bank/plugin-sdk';
import { processRecord, type ProcessPorts } from '../../src/process-record';
import { createFakePlugin, InMemoryDeliveryLedger, InMemoryQueueOps, InMemoryRecipientDirectory, type FakePlugin } from '../../src/testing';
import { accountOpenedEvent, depositEvent, recipient, sqsRecord, withdrawalEvent } from '../support/fixtures';

const NOW = new Date('2024-05-01T12:00:05.000Z');
const retryPolicy = { maxReceiveCount: 5, baseBackoffSeconds: 1, maxBackoffSeconds: 60 };

function setup(channel = 'email', fakes: FakePlugin[] = [createFakePlugin({ id: 'primary', channel })]) {
  const recipients = new InMemoryRecipientDirectory([recipient()]);
  const ledger = new InMemoryDeliveryLedger();
  const queue = new InMemoryQueueOps();
  const providers: FallbackProvider[] = fakes.map((f) => ({ id: f.plugin.id, instance: f.plugin.create({}) }));
  const ports: ProcessPorts = { channel, retryPolicy, recipients, ledger, queue, providers, now: () => NOW, random: () => 0.5 };
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
        to: 'owner@example.test',
        subject: 'Transaction Confirmation',
        body: 'Your deposit of $1000 was successful. Your new balance is $5000.',
        idempotencyKey: `${depositEvent().id}:email`,
        eventType: 'MoneyDeposited',
      }),
    ]);
    expect(ledger.get(depositEvent().id, 'email')).toMatchObject({ status: 'SENT', provider: 'primary', providerMessageId: 'primary-1', attempts: 1 });
  });

  it('sends sms to the phone number', async () => {
    const { ports, fakes } = setup('sms');
    await processRecord(sqsRecord(withdrawalEvent()), ports);
    expect(fakes[0]?.sent[0]).toMatchObject({ to: '+15550100001', body: 'Alert: $500 withdrawn from your account. Available balance: $4500.' });
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
    const sms = { ...email.ports, channel: 'sms' };
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
      recipients.recipients.set('123456789', recipient({ notifications: { email: false } }));
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'skipped', reason: 'channel-off' });
      expect(ledger.get(depositEvent().id, 'email')).toMatchObject({ status: 'SKIPPED', skipReason: 'channel-off' });
      expect(fakes[0]?.calls).toHaveLength(0);
    });

    it('when the owner has no contact for the channel', async () => {
      const { ports, recipients, fakes } = setup('sms');
      recipients.recipients.set('123456789', recipient({ phone: undefined }));
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'skipped', reason: 'no-contact' });
      expect(fakes[0]?.calls).toHaveLength(0);
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
      recipients.recipients.clear();
      expect(await processRecord(sqsRecord(depositEvent()), ports)).toMatchObject({ kind: 'permanent', failure: { class: 'UnknownAccountError', code: 'UNKNOWN_ACCOUNT' } });
      expect(queue.deadLettered).toHaveLength(1);
      expect(ledger.get(depositEvent().id, 'email')).toMatchObject({ status: 'FAILED', lastError: { code: 'UNKNOWN_ACCOUNT' } });
    });

    it('lets a replayed FAILED delivery be sent again', async () => {
      const { ports, recipients } = setup();
      recipients.recipients.clear();
      await processRecord(sqsRecord(depositEvent()), ports);
      recipients.recipients.set('123456789', recipient());
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
});
