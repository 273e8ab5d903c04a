import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { LocalStack, StreamHandler } from '../../src/stack';
import { republish } from '../e2e/helpers';
import { call, clients, openAccount, queueDepth, sandboxMessages, sleep, startReliabilityStack, waitFor } from './harness';

/** How the wrapped relay behaves; tests switch it and put it back. */
const relayMode = { current: 'normal' as 'normal' | 'twice' | 'outage', failedBatches: 0 };
/** Transaction ids in the order the relay published them (successful batches only). */
const published: string[] = [];

function transactionIds(event: DynamoDBStreamEvent): string[] {
  return event.Records.flatMap((r) => (r.dynamodb?.NewImage?.recordType?.S === 'TRANSACTION' ? [r.dynamodb.NewImage.transactionId?.S ?? ''] : []));
}

/** The real relay, made to publish each batch twice, or to fail every batch as a publish outage does. */
const wrapRelay =
  (relay: StreamHandler): StreamHandler =>
  async (event) => {
    if (relayMode.current === 'outage') {
      relayMode.failedBatches++;
      return { batchItemFailures: [{ itemIdentifier: event.Records[0]?.dynamodb?.SequenceNumber ?? '' }] };
    }
    if (relayMode.current === 'twice') {
      const first = await relay(event);
      if (first.batchItemFailures.length > 0) return first;
    }
    const result = await relay(event);
    if (result.batchItemFailures.length === 0) published.push(...transactionIds(event));
    return result;
  };

let stack: LocalStack;
let aws: ReturnType<typeof clients>;

beforeAll(async () => {
  stack = await startReliabilityStack({ wrapRelay });
  aws = clients(stack);
});

afterEach(() => {
  relayMode.current = 'normal';
});

afterAll(async () => {
  await stack?.stop();
});

/** Messages of one customer grouped by (channel, body): one body per event in these tests. */
async function copiesFor(contacts: readonly string[]): Promise<Map<string, number>> {
  const copies = new Map<string, number>();
  for (const m of await sandboxMessages(stack)) {
    if (!contacts.includes(m.to)) continue;
    const key = `${m.channel}|${m.body}`;
    copies.set(key, (copies.get(key) ?? 0) + 1);
  }
  return copies;
}
const total = (copies: Map<string, number>) => [...copies.values()].reduce((a, b) => a + b, 0);

describe('duplicates injected on purpose', () => {
  it('sends one notification per (event, channel) when the same event reaches a queue several times', async () => {
    const { accountId, email, phone } = await openAccount(stack, { email: true, sms: true });
    await stack.pauseChannel('sms');
    const res = await call(stack, 'POST', '/deposit', { accountId, amount: 21 });
    const sms = stack.resources.channels.sms;
    if (!sms) throw new Error('no sms queue');
    expect(await waitFor(() => queueDepth(aws.sqs, sms.url), (n) => n === 1, 10_000)).toBe(1);
    const event = {
      specversion: '1.0',
      id: String(res.json.transactionId),
      source: 'bank.account',
      type: 'MoneyDeposited',
      time: new Date().toISOString(),
      subject: accountId,
      datacontenttype: 'application/json',
      dataschema: 'urn:bank:events:MoneyDeposited:v1',
      data: { accountId, transactionId: String(res.json.transactionId), type: 'DEPOSIT', amount: 2100, balanceAfter: 2100, currency: 'USD' },
    };
    // Two more copies wait in the sms queue with the original: they may share a batch.
    for (let i = 0; i < 2; i++) await aws.sqs.send(new SendMessageCommand({ QueueUrl: sms.url, MessageBody: JSON.stringify(event) }));
    // Two more through SNS (both channels), while the email of the original may be in flight.
    for (let i = 0; i < 2; i++) await republish(stack, event, ['email', 'sms']);
    stack.resumeChannel('sms');

    await waitFor(() => queueDepth(aws.sqs, sms.url), (n) => n === 0, 15_000);
    await waitFor(() => copiesFor([email, phone]), (c) => c.size === 2, 10_000);
    // And one copy more, after the delivery was recorded.
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: sms.url, MessageBody: JSON.stringify(event) }));
    await waitFor(() => queueDepth(aws.sqs, sms.url), (n) => n === 0, 10_000);
    await sleep(1000);

    const copies = await copiesFor([email, phone]);
    expect([...copies.keys()].map((k) => k.split('|')[0]).sort()).toEqual(['email', 'sms']);
    expect(total(copies)).toBe(2);
  });

  it('sends one notification per (event, channel) when the relay publishes every transaction twice', async () => {
    const { accountId, email, phone } = await openAccount(stack, { email: true, sms: true });
    relayMode.current = 'twice';
    for (const amount of [31, 32, 33]) expect((await call(stack, 'POST', '/deposit', { accountId, amount })).status).toBe(200);
    expect((await call(stack, 'POST', '/withdraw', { accountId, amount: 4 })).status).toBe(200);

    await waitFor(() => copiesFor([email, phone]), (c) => c.size === 8, 20_000);
    await sleep(1500);

    const copies = await copiesFor([email, phone]);
    expect(copies.size).toBe(8); // 4 events x 2 channels
    expect(total(copies)).toBe(8);
  });
});

describe('the relay failing to publish for a while', () => {
  it('loses no event once it recovers, and publishes them in commit order', async () => {
    const OUTAGE_MS = 3000;
    const { accountId, email } = await openAccount(stack, { email: true }, 500);
    await waitFor(async () => published.length, () => true, 0);
    relayMode.current = 'outage';
    relayMode.failedBatches = 0;
    const started = Date.now();
    const committed: string[] = [];
    const movements: [string, number][] = [
      ['/deposit', 11],
      ['/withdraw', 12],
      ['/deposit', 13],
      ['/withdraw', 14],
      ['/deposit', 15],
    ];
    for (const [path, amount] of movements) {
      const res = await call(stack, 'POST', path, { accountId, amount });
      expect(res.status).toBe(200);
      committed.push(String(res.json.transactionId));
    }
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - started)));
    const duringOutage = total(await copiesFor([email]));
    relayMode.current = 'normal';
    const outageMs = Date.now() - started;

    const copies = await waitFor(() => copiesFor([email]), (c) => total(c) >= 1 + movements.length, 20_000);
    const recoveredInMs = Date.now() - started - outageMs;
    await sleep(1000);

    expect(relayMode.failedBatches).toBeGreaterThan(1); // the stream poller kept retrying
    expect(duringOutage).toBeLessThanOrEqual(1); // at most the opening deposit, published before the outage
    expect(total(await copiesFor([email]))).toBe(1 + movements.length);
    expect(copies.size).toBe(1 + movements.length);
    expect(published.filter((id) => committed.includes(id))).toEqual(committed);
    console.info(
      `relay outage: ${outageMs} ms, ${relayMode.failedBatches} failed relay invocations; ` +
        `${movements.length} events delivered ${recoveredInMs} ms after recovery`,
    );
  });
});
