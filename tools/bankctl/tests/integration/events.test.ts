import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsTestConfig, uniqueName } from '@bank/testing';
import { cloudEvent } from './dlq-fixture';
import { runCli } from './run-cli';

const events = new EventBridgeClient(awsTestConfig());
const sqs = new SQSClient(awsTestConfig());
afterAll(() => {
  events.destroy();
  sqs.destroy();
});

/** A bus with its archive and one rule that forwards bank events to a queue; one event already archived. */
async function archivedBus(): Promise<{ suffix: string; queueUrl: string }> {
  const suffix = `-${uniqueName('t')}`;
  const bus = await events.send(new CreateEventBusCommand({ Name: `bank-events${suffix}` }));
  await events.send(new CreateArchiveCommand({ ArchiveName: `bank-events-archive${suffix}`, EventSourceArn: bus.EventBusArn }));
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: `replay-target${suffix}` }));
  const queueUrl = queue.QueueUrl ?? '';
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  await events.send(new PutRuleCommand({ Name: 'to-queue', EventBusName: `bank-events${suffix}`, EventPattern: JSON.stringify({ source: ['bank.account'] }) }));
  await events.send(new PutTargetsCommand({ Rule: 'to-queue', EventBusName: `bank-events${suffix}`, Targets: [{ Id: 'q', Arn: attrs.Attributes?.QueueArn }] }));
  await events.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: `bank-events${suffix}`, Source: 'bank.account', DetailType: 'MoneyDeposited', Detail: cloudEvent('ev-1', 'MoneyDeposited', 'acct-A') }],
    }),
  );
  return { suffix, queueUrl };
}

async function drain(queueUrl: string): Promise<{ detail: { id: string }; 'replay-name'?: string }[]> {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  return (out.Messages ?? []).map((m) => JSON.parse(m.Body ?? '{}') as { detail: { id: string }; 'replay-name'?: string });
}

const window = (): string[] => ['--from', new Date(Date.now() - 3_600_000).toISOString(), '--to', new Date(Date.now() + 60_000).toISOString()];

describe('bankctl events replay', () => {
  it('starts an archive replay that puts the archived events back on the bus, and lists it', async () => {
    const { suffix, queueUrl } = await archivedBus();
    expect(await drain(queueUrl)).toHaveLength(1);

    const started = await runCli(['events', 'replay', ...window(), '--rule', 'to-queue', '--name', 'replay-1', '--json'], suffix);

    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ name: 'replay-1', archive: `bank-events-archive${suffix}` });
    const replayed = await drain(queueUrl);
    expect(replayed).toEqual([expect.objectContaining({ detail: expect.objectContaining({ id: 'ev-1' }), 'replay-name': 'replay-1' })]);
    const listed = await runCli(['events', 'replays', '--json'], suffix);
    expect(JSON.parse(listed.stdout)).toMatchObject({ replays: [{ name: 'replay-1', state: 'COMPLETED' }] });
  });

  it('refuses --type, which EventBridge replays cannot filter on', async () => {
    const result = await runCli(['events', 'replay', ...window(), '--type', 'MoneyDeposited'], '-unused');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('EventBridge replays cannot filter by event type');
  });

  it('names the missing archive', async () => {
    const result = await runCli(['events', 'replay', ...window()], '-missing');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('event archive bank-events-archive-missing not found');
  });
});
