import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { validateEvent } from '@bank/schemas';
import type { LocalStack } from '../../src/stack';
import { openCustomerAccount, post, startTestStack } from './helpers';

let stack: LocalStack;
let sqs: SQSClient;
let tapUrl: string;

beforeAll(async () => {
  stack = await startTestStack();
  const config = { endpoint: stack.endpoint, region: 'us-east-1' };
  sqs = new SQSClient(config);
  // A consumer the account service does not know about: every event, raw, with its attributes.
  tapUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'contract-tap' }))).QueueUrl ?? '';
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: tapUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
  await new SNSClient(config).send(
    new SubscribeCommand({ TopicArn: stack.resources.topicArn, Protocol: 'sqs', Endpoint: arn, Attributes: { RawMessageDelivery: 'true' } }),
  );
});

afterAll(async () => {
  await stack?.stop();
});

async function drain(queueUrl: string, expected: number, timeoutMs = 15_000): Promise<Message[]> {
  const seen: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (seen.length < expected && Date.now() < deadline) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
    );
    seen.push(...(out.Messages ?? []));
  }
  return seen;
}

describe('the events the relay publishes', () => {
  it('all validate against their schemas and carry type and version attributes', async () => {
    const from = (await openCustomerAccount(stack, { email: true }, { initialDeposit: 100 })).accountId;
    const to = (await openCustomerAccount(stack, {})).accountId;
    await post(stack, '/deposit', { accountId: from, amount: 50 });
    await post(stack, '/withdraw', { accountId: from, amount: 20 });
    await post(stack, '/transfer', { fromAccountId: from, toAccountId: to, amount: 30 });
    // AccountOpened ×2, MoneyDeposited ×2 (opening deposit + deposit), MoneyWithdrawn, TransferSent, TransferReceived
    const messages = await drain(tapUrl, 7);
    const events = messages.map((m) => {
      const result = validateEvent(JSON.parse(m.Body ?? ''));
      expect(result).toMatchObject({ ok: true });
      const type = m.MessageAttributes?.type?.StringValue;
      expect(m.MessageAttributes?.version?.StringValue).toBe('1');
      return result.ok ? [type, result.value.type] : [];
    });
    expect(events.every(([attr, type]) => attr === type)).toBe(true);
    // Opt-ins travel as attributes for the channel subscriptions' filter policies: `from` has
    // only email on, `to` has every channel off.
    const optIns = (accountId: string) =>
      messages
        .filter((m) => (JSON.parse(m.Body ?? '{}') as { subject?: string; type?: string }).subject === accountId)
        .filter((m) => (JSON.parse(m.Body ?? '{}') as { type?: string }).type !== 'AccountOpened')
        .map((m) => Object.keys(m.MessageAttributes ?? {}).filter((k) => k.startsWith('notify-')).sort());
    expect(optIns(from)).toEqual([['notify-email'], ['notify-email'], ['notify-email'], ['notify-email']]);
    expect(optIns(to)).toEqual([[]]);
    expect(events.map(([, type]) => type).sort()).toEqual(
      ['AccountOpened', 'AccountOpened', 'MoneyDeposited', 'MoneyDeposited', 'MoneyWithdrawn', 'TransferReceived', 'TransferSent'].sort(),
    );
    const bodies = messages.map((m) => m.Body ?? '').join('\n');
    expect(bodies).not.toMatch(/@example\.com|\+1555|Test Customer/);
  });

  it('routes large withdrawals, and only those, to the review queue through EventBridge', async () => {
    const { accountId } = await openCustomerAccount(stack, {}, { initialDeposit: 1_000_000 });
    await post(stack, '/withdraw', { accountId, amount: 9_999.99 });
    const large = await post(stack, '/withdraw', { accountId, amount: 10_000 });
    const review = stack.resources.ruleQueues['large-withdrawals']?.url ?? '';
    const received = await drain(review, 1, 8000);
    await new Promise((r) => setTimeout(r, 500));
    const more = await drain(review, 1, 1500);
    const details = [...received, ...more].map((m) => (JSON.parse(m.Body ?? '{}') as { detail?: { id?: string } }).detail?.id);
    expect(details).toEqual([large.json.transactionId]);
  });
});
