import { PermanentError, RetryableError, type OutboundMessage } from '@bank/plugin-sdk';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createNotifierHandler, type NotifierHandlerOptions } from '../../src/create-notifier-handler';
import type { NotifierLogger } from '../../src/ports';
import { createFakePlugin, InMemoryDeliveryLedger, InMemoryQueueOps, InMemoryRecipientDirectory } from '../../src/testing';
import { depositEvent, recipient, withdrawalEvent } from '../support/fixtures';

const EMAIL_QUEUE = 'arn:aws:sqs:us-east-1:000000000000:notify-email';

function lambdaRecord(body: unknown, messageId: string, queueArn = EMAIL_QUEUE): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

function capturingLogger(): NotifierLogger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, ...extra: Record<string, unknown>[]) => lines.push(JSON.stringify({ message, extra }));
  return { lines, debug: write, info: write, warn: write, error: write };
}

function setup(overrides: Partial<NotifierHandlerOptions> = {}) {
  const fake = createFakePlugin({ id: 'fake', channel: 'email' });
  const ledger = new InMemoryDeliveryLedger();
  const queue = new InMemoryQueueOps();
  const logger = capturingLogger();
  const handler = createNotifierHandler({
    channels: ['email'],
    manifest: { channels: { email: [{ plugin: 'fake-email' }] } },
    preloadedPlugins: { 'fake-email': fake.plugin },
    ports: { recipients: new InMemoryRecipientDirectory([recipient()]), ledger, queue },
    logger,
    metrics: false,
    env: {},
    random: () => 0.5,
    ...overrides,
  });
  return { handler, fake, ledger, queue, logger };
}

describe('createNotifierHandler', () => {
  it('reports only retryable records as batch item failures', async () => {
    const { handler, fake, queue } = setup();
    fake.behave((message) =>
      message.eventType === 'MoneyWithdrawn' ? new RetryableError('busy', { status: 503 }) : { providerMessageId: 'ok' },
    );
    const response = await handler(batch(lambdaRecord(depositEvent(), 'sent'), lambdaRecord(withdrawalEvent(), 'retry'), lambdaRecord('garbage', 'permanent')));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'retry' }] });
    expect(queue.deleted.map((m) => m.receiptHandle)).toEqual(['rh-permanent']);
  });

  it('does not report a permanent failure it dead-lettered and deleted', async () => {
    const { handler, fake, queue } = setup();
    fake.behave(() => new PermanentError('rejected'));
    expect(await handler(batch(lambdaRecord(depositEvent(), 'p')))).toEqual({ batchItemFailures: [] });
    expect(queue.deadLettered).toHaveLength(1);
  });

  it('sends once when the same event arrives twice in one batch', async () => {
    const { handler, fake } = setup();
    const response = await handler(batch(lambdaRecord(depositEvent(), 'a'), lambdaRecord(depositEvent(), 'b')));
    expect(response.batchItemFailures).toEqual([]);
    expect(fake.sent).toHaveLength(1);
  });

  it('processes different events of a batch concurrently', async () => {
    const fake = createFakePlugin({ id: 'fake', channel: 'email' });
    const inner = fake.plugin.create({});
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = {
      ...fake.plugin,
      create: () => ({
        send: async (message: OutboundMessage) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 20));
          inFlight -= 1;
          return inner.send(message);
        },
      }),
    };
    const { handler } = setup({ preloadedPlugins: { 'fake-email': slow } });
    await handler(batch(lambdaRecord(depositEvent('e1'), 'a'), lambdaRecord(depositEvent('e2'), 'b'), lambdaRecord(depositEvent('e3'), 'c')));
    expect(maxInFlight).toBe(3);
    expect(fake.sent).toHaveLength(3);
  });

  it('fails a record from a queue this notifier does not serve', async () => {
    const { handler, fake } = setup();
    const response = await handler(batch(lambdaRecord(depositEvent(), 'x', 'arn:aws:sqs:us-east-1:000000000000:notify-sms')));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'x' }] });
    expect(fake.calls).toHaveLength(0);
  });

  it('fails the whole batch when providers cannot be loaded, and loads again next time', async () => {
    const fake = createFakePlugin({ id: 'fake', channel: 'email' });
    const preloaded: Record<string, unknown> = {};
    const { handler } = setup({ preloadedPlugins: preloaded, manifest: { channels: { email: [{ plugin: 'late-plugin' }] } } });
    const first = await handler(batch(lambdaRecord(depositEvent(), 'a')));
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'a' }] });
    preloaded['late-plugin'] = fake.plugin;
    expect(await handler(batch(lambdaRecord(depositEvent(), 'b')))).toEqual({ batchItemFailures: [] });
    expect(fake.sent).toHaveLength(1);
  });

  it('uses NOTIFIER_MANIFEST from the environment over the default manifest', async () => {
    const other = createFakePlugin({ id: 'other', channel: 'email' });
    const { handler, fake } = setup({
      env: { NOTIFIER_MANIFEST: JSON.stringify({ channels: { email: [{ plugin: 'other-email' }] } }) },
      preloadedPlugins: { 'fake-email': createFakePlugin({ id: 'fake', channel: 'email' }).plugin, 'other-email': other.plugin },
    });
    await handler(batch(lambdaRecord(depositEvent(), 'a')));
    expect(other.sent).toHaveLength(1);
    expect(fake.sent).toHaveLength(0);
  });

  it('renders with overridden templates', async () => {
    const { handler, fake } = setup({ templates: { MoneyDeposited: { email: (c) => ({ subject: 'Hi', body: `In: ${c.amount}` }) } } });
    await handler(batch(lambdaRecord(depositEvent(), 'a')));
    expect(fake.sent[0]).toMatchObject({ subject: 'Hi', body: 'In: $1000' });
  });

  it('logs ids and outcomes but never the address or the message text', async () => {
    const { handler, logger } = setup();
    await handler(batch(lambdaRecord(depositEvent(), 'a')));
    const log = logger.lines.join('\n');
    expect(log).toContain('"outcome":"sent"');
    expect(log).toContain(depositEvent().id);
    expect(log).toContain('"correlationId":"corr-1"');
    expect(log).not.toContain('owner@example.test');
    expect(log).not.toContain('+15550100001');
    expect(log).not.toContain('Your deposit');
  });

  it('refuses a channel that is not in the topology', () => {
    expect(() => setup({ channels: ['pigeon'] })).toThrow('channel pigeon is not in the topology');
  });
});
