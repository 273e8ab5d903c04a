import { receiveAll, withScannedMessages } from '../../../src/commands/dlq-scan';
import type { RawDlqMessage } from '../../../src/core/dlq-message';
import { InMemoryQueues, noRecords } from './in-memory-queues';

const URL = 'url:dlq';

function filled(count: number): InMemoryQueues {
  const queues = new InMemoryQueues();
  for (let i = 1; i <= count; i++) queues.add(URL, JSON.stringify({ id: `e${i}` }));
  return queues;
}

describe('receiveAll', () => {
  it('walks past the 10-message receive limit and collects every message once', async () => {
    const queues = filled(25);
    const held = new Map<string, RawDlqMessage>();

    await receiveAll(queues, URL, held);

    expect(held.size).toBe(25);
  });
});

describe('withScannedMessages', () => {
  it('makes every scanned message visible again afterwards', async () => {
    const queues = filled(12);

    const seen = await withScannedMessages(queues, noRecords, URL, 'email', async (messages) => messages.length);

    expect(seen).toBe(12);
    expect(queues.list(URL).every((m) => !m.hidden)).toBe(true);
  });

  it('releases the messages even when the action fails', async () => {
    const queues = filled(3);

    await expect(
      withScannedMessages(queues, noRecords, URL, 'email', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    expect(queues.list(URL).every((m) => !m.hidden)).toBe(true);
  });

  it('looks up delivery records only for messages without failure attributes', async () => {
    const queues = filled(1);
    queues.add(URL, JSON.stringify({ id: 'e2' }), { 'failure-class': { DataType: 'String', StringValue: 'PermanentError' } });
    const asked: string[] = [];
    const records = {
      getMany: async (ids: readonly string[]) => {
        asked.push(...ids);
        return new Map([['e1#email', { lastError: { class: 'RetryableError' } }]]);
      },
    };

    const failures = await withScannedMessages(queues, records, URL, 'email', async (messages) => messages.map((m) => m.failure?.source));

    expect(asked).toEqual(['e1#email']);
    expect(failures).toEqual(['delivery-record', 'attributes']);
  });
});
