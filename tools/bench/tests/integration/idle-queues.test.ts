import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsTestConfig, uniqueName } from '@bank/testing';
import { eventQueueNames, waitForIdleQueues } from '../../src/idle-queues';

const channelQueue = uniqueName('bench-idle-channel');
const ruleQueue = uniqueName('bench-idle-rule');
const names = [channelQueue, ruleQueue];
let sqs: SQSClient;
const urls: Record<string, string> = {};

beforeAll(async () => {
  sqs = new SQSClient(awsTestConfig());
  for (const QueueName of names) urls[QueueName] = (await sqs.send(new CreateQueueCommand({ QueueName }))).QueueUrl ?? '';
});

afterAll(() => sqs.destroy());

/** Takes one message off the queue and deletes it: the work a consumer would do. */
async function consumeOne(queue: string): Promise<void> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls[queue], MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
  for (const message of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: urls[queue], ReceiptHandle: message.ReceiptHandle ?? '' }));
}

describe('waitForIdleQueues', () => {
  it('names every channel queue and every event rule queue', () => {
    expect(eventQueueNames({ channels: [{ queueName: 'email-q' }, { queueName: 'sms-q' }], rules: [{ queueName: 'risk-events' }] } as never)).toEqual(['email-q', 'sms-q', 'risk-events']);
  });

  it('answers at once, with no backlog, when the queues are empty', async () => {
    await expect(waitForIdleQueues(sqs, names, { pollMs: 50 })).resolves.toMatchObject({ backlog: {}, idle: true });
  });

  it('waits until a message waiting, then in flight, is deleted, and says what was waiting', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: urls[ruleQueue], MessageBody: '{}' }));
    const consumed = new Promise((resolve) => setTimeout(resolve, 400)).then(() => consumeOne(ruleQueue));

    const wait = await waitForIdleQueues(sqs, names, { pollMs: 50 });
    await consumed;

    expect(wait).toMatchObject({ backlog: { [ruleQueue]: 1 }, idle: true });
    expect(wait.waitedMs).toBeGreaterThanOrEqual(400);
  });

  it('gives up after its timeout and says the queues were not idle', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: urls[channelQueue], MessageBody: '{}' }));
    try {
      await expect(waitForIdleQueues(sqs, names, { timeoutMs: 300, pollMs: 50 })).resolves.toMatchObject({ backlog: { [channelQueue]: 1 }, idle: false });
    } finally {
      await consumeOne(channelQueue);
    }
  });
});
