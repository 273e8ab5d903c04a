import { compileConfigValidator } from '@bank/plugin-sdk/config-compiler';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermanentError, RetryableError, type OutboundMessage } from '@bank/plugin-sdk';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createNotifierHandler, type NotifierHandlerOptions } from '../../src/create-notifier-handler';
import type { NotifierLogger } from '../../src/ports';
import type { NotifierMetrics } from '../../src/observability';
import { createFakePlugin, InMemoryDeliveryLedger, InMemoryQueueOps } from '../../src/testing';
import { depositEvent, directoryWithOwner, OWNER_EMAIL, OWNER_PHONE, withdrawalEvent } from '../support/fixtures';

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
  const recipients = directoryWithOwner();
  const handler = createNotifierHandler({
    notifier: 'notify-email',
    manifest: { channels: { email: [{ plugin: 'fake-email' }] } },
    bundledPlugins: { 'fake-email': fake.plugin },
    compileConfig: compileConfigValidator,
    ports: { recipients, ledger, queue },
    logger,
    metrics: false,
    env: {},
    random: () => 0.5,
    ...overrides,
  });
  return { handler, fake, ledger, queue, logger, recipients };
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
    const { handler } = setup({ bundledPlugins: { 'fake-email': slow } });
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

  it('retries every message of a channel left without a provider, and says so at cold start', async () => {
    const { handler, logger } = setup({ bundledPlugins: {}, manifest: { channels: { email: [{ plugin: 'missing-plugin' }] } } });
    expect(await handler(batch(lambdaRecord(depositEvent(), 'a')))).toEqual({ batchItemFailures: [{ itemIdentifier: 'a' }] });
    expect(logger.lines.join('\n')).toContain('channel has no provider');
  });

  it('fails the whole batch when the manifest cannot be read, and reads it again next time', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'manifest-')), 'manifest.json');
    const { handler, fake } = setup({ env: { NOTIFIER_MANIFEST: file } });
    expect(await handler(batch(lambdaRecord(depositEvent(), 'a')))).toEqual({ batchItemFailures: [{ itemIdentifier: 'a' }] });
    writeFileSync(file, JSON.stringify({ channels: { email: [{ plugin: 'fake-email' }] } }));
    expect(await handler(batch(lambdaRecord(depositEvent(), 'b')))).toEqual({ batchItemFailures: [] });
    expect(fake.sent).toHaveLength(1);
  });

  it('uses NOTIFIER_MANIFEST from the environment over the default manifest', async () => {
    const other = createFakePlugin({ id: 'other', channel: 'email' });
    const { handler, fake } = setup({
      env: { NOTIFIER_MANIFEST: JSON.stringify({ channels: { email: [{ plugin: 'other-email' }] } }) },
      bundledPlugins: { 'fake-email': createFakePlugin({ id: 'fake', channel: 'email' }).plugin, 'other-email': other.plugin },
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
    expect(log).not.toContain(OWNER_EMAIL);
    expect(log).not.toContain(OWNER_PHONE);
    expect(log).not.toContain('Your deposit');
  });

  it('refuses a channel that is not in the topology', () => {
    expect(() => setup({ channels: ['pigeon'] })).toThrow('channel pigeon is not in the topology');
  });

  it('refuses a notifier no channel declaration names', () => {
    expect(() => setup({ notifier: 'notify-pigeon' })).toThrow('no channel of the topology names notifier notify-pigeon');
  });

  it('leaves the channels an override does not name to the service manifest (one override, one notifier)', async () => {
    const { handler, fake } = setup({ env: { NOTIFIER_MANIFEST: JSON.stringify({ channels: { sms: [{ plugin: 'not-bundled-here' }] } }) } });
    expect(await handler(batch(lambdaRecord(depositEvent(), 'a')))).toEqual({ batchItemFailures: [] });
    expect(fake.sent).toHaveLength(1);
  });

  it('outside Lambda, loads a plugin file NOTIFIER_MANIFEST names, its config checked by a schema compiled on load', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plugin-'));
    const file = path.join(dir, 'file-email.js');
    writeFileSync(
      file,
      `module.exports = { default: { id: 'file', channel: 'email', version: '0.1.0',
        configSchema: { type: 'object', required: ['from'], properties: { from: { type: 'string', format: 'email' } } },
        create: (config) => ({ send: async () => { globalThis.fileEmailSends = [...(globalThis.fileEmailSends ?? []), config.from]; return { providerMessageId: 'f-1' }; } }) } };`,
    );
    const manifest = (config: unknown) => JSON.stringify({ channels: { email: [{ plugin: file, config }] } });

    const { handler } = setup({ compileConfig: undefined, env: { NOTIFIER_MANIFEST: manifest({ from: 'alerts@bank.example' }) } });
    expect(await handler(batch(lambdaRecord(depositEvent(), 'a')))).toEqual({ batchItemFailures: [] });
    expect((globalThis as { fileEmailSends?: string[] }).fileEmailSends).toEqual(['alerts@bank.example']);

    const refused = setup({ compileConfig: undefined, env: { NOTIFIER_MANIFEST: manifest({ from: 'not-an-email' }) } });
    expect(await refused.handler(batch(lambdaRecord(depositEvent(), 'b')))).toEqual({ batchItemFailures: [{ itemIdentifier: 'b' }] });
    expect(refused.logger.lines.join('\n')).toContain('invalid config for plugin file');
  });

  it('in Lambda, loads no plugin that is not bundled, loudly', async () => {
    const { handler, logger } = setup({
      env: { AWS_LAMBDA_FUNCTION_NAME: 'notify-email', NOTIFIER_MANIFEST: JSON.stringify({ channels: { email: [{ plugin: './plugins/evil.js' }] } }) },
    });
    expect(await handler(batch(lambdaRecord(depositEvent(), 'a')))).toEqual({ batchItemFailures: [{ itemIdentifier: 'a' }] });
    expect(logger.lines.join('\n')).toContain('evil.js is not bundled with this notifier');
  });

  it('fails only the provider whose setting is missing, says so at cold start, and sends through the others', async () => {
    const backup = createFakePlugin({ id: 'backup', channel: 'email' });
    const withSchema = { ...createFakePlugin({ id: 'keyed', channel: 'email' }).plugin, configSchema: { type: 'object', required: ['apiKey'] } };
    const problems: string[] = [];
    const metrics: NotifierMetrics = { record: () => undefined, configProblem: (channel, problem) => problems.push(`${channel}:${problem}`) };
    const { handler, logger } = setup({
      manifest: { channels: { email: [{ plugin: 'keyed', config: { apiKey: '${KEYED_API_KEY}' } }, { plugin: 'backup' }] } },
      bundledPlugins: { keyed: withSchema, backup: backup.plugin },
      metrics,
    });
    expect(await handler(batch(lambdaRecord(depositEvent(), 'a')))).toEqual({ batchItemFailures: [] });
    expect(backup.sent).toHaveLength(1);
    expect(problems).toEqual(['email:provider-unavailable']);
    expect(logger.lines.join('\n')).toContain('environment variable KEYED_API_KEY is not set');
  });

  it('says at cold start which subscribed event types have no template', () => {
    const problems: string[] = [];
    const { logger } = setup({
      templates: { MoneyWithdrawn: { email: null } },
      metrics: { record: () => undefined, configProblem: (channel, problem) => problems.push(`${channel}:${problem}`) },
    });
    expect(logger.lines.join('\n')).toContain('"eventType":"MoneyWithdrawn"');
    expect(problems).toEqual(['email:missing-template']);
  });

  it('reads the recipients of a batch once', async () => {
    const recipients = directoryWithOwner();
    const prefetched: string[][] = [];
    const directory = Object.assign(recipients, { prefetch: async (ids: readonly string[]) => void prefetched.push([...ids]) });
    const ports = { recipients: directory, ledger: new InMemoryDeliveryLedger(), queue: new InMemoryQueueOps() };
    const { handler } = setup({ ports });
    await handler(batch(lambdaRecord(depositEvent('e1'), 'a'), lambdaRecord(depositEvent('e2'), 'b')));
    expect(prefetched).toEqual([['123456789', '123456789']]);
  });

  it('warns about every gap it did not choose, by reason, without the address', async () => {
    const recipients = directoryWithOwner();
    recipients.putProfile({ customerId: 'owner-sub-1', contacts: { email: { value: OWNER_EMAIL, verified: false } } });
    const { handler, logger } = setup({ ports: { recipients, ledger: new InMemoryDeliveryLedger(), queue: new InMemoryQueueOps() } });
    await handler(batch(lambdaRecord(depositEvent(), 'a')));
    const log = logger.lines.join('\n');
    expect(log).toContain('"message":"notification skipped"');
    expect(log).toContain('"reason":"unverified-contact"');
    expect(log).not.toContain(OWNER_EMAIL);
  });
});
