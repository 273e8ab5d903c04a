import { DEFAULT_RISK_POLICY } from '@bank/risk-policy';
import { silentLogger } from '@bank/notifier-runtime';
import type { DetectionPorts } from '../../../src/domain/detect-on-event';
import { processMessage } from '../../../src/sqs/process-message';
import { InMemoryAccountFreezer, InMemoryCaseStore, InMemoryWindowStore } from '../../../src/testing/index';
import { at, deposit, eventBridgeBody, T0, withdrawal } from '../../support/events';
import { FakeQueue, sqsRecord } from '../../support/fakes';

const NOW = new Date(T0 + 60 * 60_000);

function setup() {
  const windows = new InMemoryWindowStore();
  const cases = new InMemoryCaseStore();
  const detection: DetectionPorts = {
    policies: { current: async () => ({ policy: DEFAULT_RISK_POLICY, version: 0 }) },
    windows,
    cases,
    freezer: new InMemoryAccountFreezer(),
    now: () => NOW,
    logger: silentLogger,
  };
  const queue = new FakeQueue();
  return { windows, cases, queue, detection, ports: { detection, queue } };
}

describe('processMessage', () => {
  it('examines a money event and reports the cases it opened', async () => {
    const { ports } = setup();
    await processMessage(sqsRecord(eventBridgeBody(deposit('acct-1', 100_000, at(0)))), ports);
    const outcome = await processMessage(sqsRecord(eventBridgeBody(withdrawal('acct-1', 95_000, at(1)))), ports);
    expect(outcome).toMatchObject({ kind: 'processed', accountId: 'acct-1', opened: [expect.objectContaining({ pattern: 'pass-through' })] });
  });

  it('dead-letters an invalid message at once with failure attributes, deletes it and changes nothing', async () => {
    const { ports, queue, windows } = setup();
    const record = sqsRecord('{"detail": {"type": "MoneyDeposited"}}');
    const outcome = await processMessage(record, ports);
    expect(outcome).toMatchObject({ kind: 'permanent', failure: { class: 'InvalidMessageError', code: 'INVALID_EVENT' } });
    expect(queue.deadLettered).toEqual([
      {
        queue: 'risk-events',
        body: record.body,
        attributes: expect.objectContaining({ 'failure-code': { dataType: 'String', stringValue: 'INVALID_EVENT' }, 'failure-attempts': { dataType: 'Number', stringValue: '1' } }),
      },
    ]);
    expect(queue.deleted).toEqual([record.receiptHandle]);
    expect(windows.entries.size).toBe(0);
  });

  it('leaves an invalid message to SQS when the DLQ cannot be reached, rather than lose it', async () => {
    const { ports, queue } = setup();
    queue.failDeadLetter = true;
    expect(await processMessage(sqsRecord('not json'), ports)).toMatchObject({ kind: 'retry' });
    expect(queue.deleted).toEqual([]);
  });

  it('retries when a store fails', async () => {
    const { ports, detection } = setup();
    const failing = { ...ports, detection: { ...detection, windows: { record: () => Promise.reject(new Error('throttled')), between: async () => [] } } };
    expect(await processMessage(sqsRecord(eventBridgeBody(deposit('acct-1', 1, at(0)))), failing)).toMatchObject({ kind: 'retry', failure: { reason: 'throttled' } });
  });
});
