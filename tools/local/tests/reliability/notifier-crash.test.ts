import { compileConfigValidator } from '@bank/plugin-sdk/config-compiler';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createNotifierHandler,
  DynamoDeliveryLedger,
  silentLogger,
  type ClaimRequest,
  type ClaimResult,
  type DeliveryLedger,
} from '@bank/notifier-runtime';
import smsTwilioPlugin from '@bank/plugin-sms-twilio';
import type { SQSEvent } from 'aws-lambda';
import { startSqsPoller } from '../../src/sqs-poller';
import type { LocalStack } from '../../src/stack';
import { call, clients, deliveryRecord, openAccount, queueDepth, quiet, sandboxMessages, sleep, startReliabilityStack, waitFor } from './harness';

// A batch abandoned by a crashed notifier comes back after the queue's visibility timeout. In AWS
// that is 180 s and the delivery lease 120 s (lease < visibility, so the redelivery may claim);
// here 2 s and 1 s keep the same order at test speed.
const VISIBILITY_SECONDS = 2;
const LEASE_SECONDS = 1;
const EVENTS = 6;

let stack: LocalStack;
let aws: ReturnType<typeof clients>;

beforeAll(async () => {
  stack = await startReliabilityStack({ visibilityTimeoutSeconds: VISIBILITY_SECONDS });
  aws = clients(stack);
});

afterAll(async () => {
  await stack?.stop();
});

type CrashPoint = 'after-claim' | 'after-send';
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/**
 * The ledger of the notifier that is about to crash: execution of a record stops for good (a
 * promise that never settles) either right after its claim, before the provider is called, or
 * right after the provider accepted the message, before `SENT` is written.
 */
class CrashingLedger implements DeliveryLedger {
  readonly crashed = new Map<string, CrashPoint>();

  constructor(
    private readonly inner: DeliveryLedger,
    private readonly pointFor: (eventId: string) => CrashPoint,
  ) {}

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const result = await this.inner.claim({ ...request, leaseSeconds: LEASE_SECONDS });
    if (result.claimed && this.pointFor(request.eventId) === 'after-claim') {
      this.crashed.set(request.eventId, 'after-claim');
      return never();
    }
    return result;
  }

  markSent(...args: Parameters<DeliveryLedger['markSent']>): Promise<boolean> {
    if (this.pointFor(args[0].eventId) === 'after-send') {
      this.crashed.set(args[0].eventId, 'after-send');
      return never();
    }
    return this.inner.markSent(...args);
  }

  markSkipped(...args: Parameters<DeliveryLedger['markSkipped']>): Promise<boolean> {
    return this.inner.markSkipped(...args);
  }

  markFailed(...args: Parameters<DeliveryLedger['markFailed']>): Promise<boolean> {
    return this.inner.markFailed(...args);
  }

  release(...args: Parameters<DeliveryLedger['release']>): Promise<boolean> {
    return this.inner.release(...args);
  }
}

const SMS_MANIFEST = {
  channels: { sms: [{ plugin: '@bank/plugin-sms-twilio', config: { accountSid: `AC${'0'.repeat(32)}`, authToken: 'local', from: '+15005550006', baseUrl: '${TWILIO_BASE_URL}' } }] },
};

describe('a notifier killed in the middle of a batch', () => {
  it('gets every message delivered after a restart, duplicating only those sent but not yet recorded', async () => {
    const queue = stack.resources.channels.sms;
    if (!queue) throw new Error('no sms queue');
    await stack.pauseChannel('sms');
    const { accountId, phone } = await openAccount(stack, { sms: true });
    const eventIds: string[] = [];
    for (let i = 1; i <= EVENTS; i++) {
      const res = await call(stack, 'POST', '/deposit', { accountId, amount: i });
      expect(res.status).toBe(200);
      eventIds.push(String(res.json.transactionId));
    }
    expect(await waitFor(() => queueDepth(aws.sqs, queue.url), (n) => n === EVENTS, 15_000)).toBe(EVENTS);

    // The doomed notifier: the first half of the events die before the send, the rest after it.
    const pointFor = (eventId: string): CrashPoint => (eventIds.indexOf(eventId) < EVENTS / 2 ? 'after-claim' : 'after-send');
    const ledger = new CrashingLedger(
      new DynamoDeliveryLedger({
        client: DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoint, region: 'us-east-1' })),
        tableName: stack.resources.deliveriesTable,
      }),
      pointFor,
    );
    const doomed = createNotifierHandler({
      notifier: 'notify-sms',
      channels: ['sms'],
      manifest: SMS_MANIFEST,
      bundledPlugins: { '@bank/plugin-sms-twilio': smsTwilioPlugin },
      compileConfig: compileConfigValidator,
      ports: { ledger },
      logger: silentLogger,
      metrics: false,
    });
    let received = 0;
    const poller = startSqsPoller({
      client: aws.sqs,
      queueUrl: queue.url,
      queueArn: queue.arn,
      region: 'us-east-1',
      log: quiet,
      batchSize: 10,
      handler: (event: SQSEvent) => {
        received += event.Records.length;
        return doomed(event);
      },
    });
    await waitFor(async () => ledger.crashed.size, (n) => n > 0 && n === received, 15_000);
    poller.kill();
    const killedAt = Date.now();
    const crashedAfterSend = [...ledger.crashed].filter(([, point]) => point === 'after-send').map(([id]) => id);
    const crashedAfterClaim = [...ledger.crashed].filter(([, point]) => point === 'after-claim').map(([id]) => id);
    expect(crashedAfterSend.length).toBeGreaterThan(0);
    expect(crashedAfterClaim.length).toBeGreaterThan(0);
    const sentBeforeRestart = (await sandboxMessages(stack)).filter((m) => m.to === phone).length;
    expect(sentBeforeRestart).toBe(crashedAfterSend.length);

    // The restart: the stack's own notifier, a fresh handler instance, polls the queue again.
    stack.resumeChannel('sms');
    const expectedTotal = EVENTS + crashedAfterSend.length;
    const all = await waitFor(
      async () => (await sandboxMessages(stack)).filter((m) => m.to === phone),
      (list) => list.length >= expectedTotal,
      20_000,
    );
    const recoveredInMs = Date.now() - killedAt;
    await sleep(1500); // late extra copies would show up here
    const final = (await sandboxMessages(stack)).filter((m) => m.to === phone);

    const copies = new Map<string, number>();
    for (const m of final) copies.set(m.body, (copies.get(m.body) ?? 0) + 1);
    const duplicates = [...copies.values()].reduce((sum, n) => sum + n - 1, 0);
    expect(copies.size).toBe(EVENTS); // every event delivered
    expect(duplicates).toBe(crashedAfterSend.length); // and only the documented window duplicated
    expect(all.length).toBe(final.length);
    // SENT, or DELIVERED once the sandbox's status callback came back.
    for (const eventId of eventIds) expect(await deliveryRecord(aws.dynamodb, stack, eventId, 'sms')).toMatchObject({ status: expect.stringMatching(/^(SENT|DELIVERED)$/) });
    expect(await queueDepth(aws.sqs, queue.url)).toBe(0);
    console.info(
      `notifier crash: ${received} messages in the killed batch, ${crashedAfterClaim.length} killed before the send, ` +
        `${crashedAfterSend.length} after it; ${duplicates} duplicates; all delivered ${recoveredInMs} ms after the kill`,
    );
  });
});
