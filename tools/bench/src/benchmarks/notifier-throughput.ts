import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConditionalCheckFailedException, CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { createNotifierHandler, silentLogger, type NotifierHandler } from '@bank/notifier-runtime';
import { localEnvOf } from '@bank/plugin-sdk';
import { configValidators, plugins } from '@bank/notify-sms/plugins';
import smsTwilioPlugin from '@bank/plugin-sms-twilio';
import type { Topology } from '@bank/topology';
import type { SQSRecord } from 'aws-lambda';
import { openAccount } from '../api-client';
import { fmt, fmtRatio } from '../report';
import { capturedMessages, sleep } from '../sandbox-client';
import { median, rate, ratio } from '../stats';
import { REPO_ROOT, type BenchTarget } from '../target';
import { requireTarget, type Benchmark } from './types';

const BATCH = 10;
const LOOPS = 2; // the local stack's receive loops per queue (Lambda's pollers)
const TWILIO_SID = 'AC00000000000000000000000000000000';

interface Queue {
  readonly url: string;
  readonly arn: string;
}

async function createQueue(sqs: SQSClient, name: string): Promise<Queue> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '60' } }))).QueueUrl ?? '';
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return { url, arn: attrs.Attributes?.QueueArn ?? '' };
}

/** The CloudEvent the relay publishes for a deposit. */
function depositEvent(accountId: string, id: string, cents: number): string {
  return JSON.stringify({
    specversion: '1.0',
    id,
    source: 'bank.account',
    type: 'MoneyDeposited',
    time: new Date().toISOString(),
    subject: accountId,
    datacontenttype: 'application/json',
    dataschema: 'urn:bank:events:MoneyDeposited:v1',
    data: { accountId, transactionId: id, type: 'DEPOSIT', amount: cents, balanceAfter: cents, currency: 'USD' },
  });
}

async function seed(sqs: SQSClient, queueUrl: string, accountId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += BATCH) {
    const entries = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => ({
      Id: String(j),
      MessageBody: depositEvent(accountId, `bench-${randomUUID()}`, 100 + i + j),
      MessageAttributes: { type: { DataType: 'String', StringValue: 'MoneyDeposited' }, version: { DataType: 'String', StringValue: '1' } },
    }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  }
}

/** LOOPS receive loops until `count` messages were handled; returns the elapsed wall time in ms. */
async function drain(sqs: SQSClient, queueUrl: string, count: number, handle: (messages: Message[]) => Promise<number>, tick: (n: number) => void): Promise<number> {
  let done = 0;
  const started = performance.now();
  const deadline = Date.now() + 120_000;
  await Promise.all(
    Array.from({ length: LOOPS }, async () => {
      while (done < count && Date.now() < deadline) {
        const out = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: BATCH, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }),
        );
        const messages = out.Messages ?? [];
        if (messages.length === 0) {
          await sleep(10);
          continue;
        }
        const n = await handle(messages);
        done += n;
        tick(n);
      }
    }),
  );
  if (done < count) throw new Error(`only ${done} of ${count} messages were handled in time`);
  return performance.now() - started;
}

function toRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? '0',
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '0',
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [
        k,
        { dataType: v.DataType ?? 'String', stringValue: v.StringValue ?? '', stringListValues: [], binaryListValues: [] },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** The real notifier as Lambda's SQS event source drives it: batch in, delete what did not fail. */
function oursHandle(sqs: SQSClient, queue: Queue, region: string, handler: NotifierHandler) {
  return async (messages: Message[]): Promise<number> => {
    const records = messages.map((m) => toRecord(m, queue.arn, region));
    const result = await handler({ Records: records });
    const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
    const done = records.filter((r) => !failed.has(r.messageId));
    if (done.length > 0) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })) }));
    }
    return done.length;
  };
}

/** The hand-written minimum: conditional put on a dedupe table → Twilio POST → delete, per message. */
function rawHandle(sqs: SQSClient, dynamo: DynamoDBClient, queueUrl: string, dedupeTable: string, sandboxUrl: string, phone: string) {
  const auth = `Basic ${Buffer.from(`${TWILIO_SID}:local-auth-token`).toString('base64')}`;
  return async (messages: Message[]): Promise<number> => {
    await Promise.all(
      messages.map(async (message) => {
        const event = JSON.parse(message.Body ?? '{}') as { id: string; data: { amount: number; balanceAfter: number } };
        let fresh = true;
        try {
          await dynamo.send(
            new PutItemCommand({ TableName: dedupeTable, Item: { DeliveryID: { S: `${event.id}#sms` } }, ConditionExpression: 'attribute_not_exists(DeliveryID)' }),
          );
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
          fresh = false;
        }
        if (fresh) {
          const form = new URLSearchParams({
            To: phone,
            From: '+15005550006',
            Body: `Alert: $${(event.data.amount / 100).toFixed(2)} deposited to your account. Available balance: $${(event.data.balanceAfter / 100).toFixed(2)}.`,
          });
          const res = await fetch(`${sandboxUrl}/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`, {
            method: 'POST',
            headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
            body: form,
          });
          await res.arrayBuffer();
          if (res.status !== 201) throw new Error(`sandbox answered HTTP ${res.status}`);
        }
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle ?? '' }));
      }),
    );
    return messages.length;
  };
}

/** The topology with the SMS channel fed by a queue of our own, so the stack's pollers never see it. */
function withSmsQueue(topology: Topology, queueName: string): Topology {
  return { ...topology, channels: topology.channels.map((c) => (c.name === 'sms' ? { ...c, queueName, dlqName: `${queueName}-dlq` } : c)) };
}

async function setup(target: BenchTarget) {
  const config = { endpoint: target.endpoint, region: target.region };
  const sqs = new SQSClient(config);
  const dynamo = new DynamoDBClient(config);
  const suffix = randomUUID().slice(0, 8);
  const oursQueue = await createQueue(sqs, `bench-notify-sms-${suffix}`);
  const oursDlq = await createQueue(sqs, `bench-notify-sms-${suffix}-dlq`);
  const rawQueue = await createQueue(sqs, `bench-raw-sms-${suffix}`);
  const dedupeTable = `bench-dedupe-${suffix}`;
  await dynamo.send(
    new CreateTableCommand({
      TableName: dedupeTable,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'DeliveryID', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'DeliveryID', KeyType: 'HASH' }],
    }),
  );
  const oursAccount = await openAccount(target, await target.newCustomer(), { sms: true });
  const rawAccount = await openAccount(target, await target.newCustomer(), { sms: true });
  const manifest: unknown = JSON.parse(readFileSync(path.join(REPO_ROOT, 'services/notify-sms/manifest.json'), 'utf8'));
  const handler = createNotifierHandler({
    notifier: 'notify-sms',
    channels: ['sms'],
    manifest,
    bundledPlugins: plugins,
    configValidators,
    topology: withSmsQueue(target.topology, `bench-notify-sms-${suffix}`),
    clients: { dynamodb: dynamo, sqs },
    env: {
      ...process.env,
      BANK_PROVIDER_SANDBOX: 'true',
      ...localEnvOf([smsTwilioPlugin], { sandboxUrl: target.sandboxUrl, twilioAuthToken: 'bench-auth-token' }),
      PUBLIC_API_URL: '',
      ACCOUNTS_TABLE: target.accountsTable,
      DELIVERIES_TABLE: target.deliveriesTable,
    },
    logger: silentLogger,
    metrics: false,
  });
  const cleanup = async () => {
    for (const q of [oursQueue, oursDlq, rawQueue]) await sqs.send(new DeleteQueueCommand({ QueueUrl: q.url })).catch(() => undefined);
    await dynamo.send(new DeleteTableCommand({ TableName: dedupeTable })).catch(() => undefined);
    sqs.destroy();
    dynamo.destroy();
  };
  return { sqs, dynamo, oursQueue, rawQueue, dedupeTable, oursAccount, rawAccount, handler, cleanup };
}

export const notifierThroughput: Benchmark = {
  name: 'Notifier throughput',
  needsStack: true,
  async run(ctx) {
    const target = requireTarget(ctx);
    const perRound = ctx.quick ? 60 : 200;
    const rounds = ctx.quick ? 1 : 3;
    const s = await setup(target);
    try {
      const ours: number[] = [];
      const baseline: number[] = [];
      ctx.progress.start('messages', perRound * rounds * 2);
      const tick = (n: number) => ctx.progress.increment(n);
      for (let r = 0; r < rounds; r++) {
        await seed(s.sqs, s.oursQueue.url, s.oursAccount.accountId, perRound);
        await seed(s.sqs, s.rawQueue.url, s.rawAccount.accountId, perRound);
        const runOurs = async () => ours.push(rate(perRound, await drain(s.sqs, s.oursQueue.url, perRound, oursHandle(s.sqs, s.oursQueue, target.region, s.handler), tick)));
        const runRaw = async () =>
          baseline.push(rate(perRound, await drain(s.sqs, s.rawQueue.url, perRound, rawHandle(s.sqs, s.dynamo, s.rawQueue.url, s.dedupeTable, target.sandboxUrl, s.rawAccount.phone), tick)));
        if (r % 2 === 0) {
          await runOurs();
          await runRaw();
        } else {
          await runRaw();
          await runOurs();
        }
      }
      ctx.progress.stop();
      // Both sides must really have sent every message, or the rates mean nothing.
      const sent = async (phone: string) => (await capturedMessages(target.sandboxUrl, `?to=${encodeURIComponent(phone)}`)).length;
      const oursSent = await sent(s.oursAccount.phone);
      const rawSent = await sent(s.rawAccount.phone);
      const expected = perRound * rounds;
      const o = median(ours);
      const b = median(baseline);
      const check = oursSent === expected && rawSent === expected ? '' : ` (captured: ours ${oursSent}, raw ${rawSent} of ${expected})`;
      return {
        rows: [
          {
            benchmark: 'Notifier throughput',
            metric: `SMS messages/s, one notifier${check}`,
            ours: fmt(o),
            baseline: fmt(b),
            ratio: fmtRatio(ratio(o, b)),
            method: `${perRound} pre-queued MoneyDeposited events × ${rounds} interleaved round(s), median; ${LOOPS} receive loops × batches of ${BATCH} on dedicated queues of the same moto, same sandbox. Ours: the real notify-sms handler (createNotifierHandler, its manifest and Twilio plugin) on Lambda-shaped SQS events + DeleteMessageBatch (per batch: the recipients' BatchGetItem, the claims in one request, the sends, the SENT records in one transaction). Raw: receive → conditional PutItem on a dedupe table → Twilio POST → DeleteMessage, no recipient lookup or outcome record`,
          },
        ],
        data: { perRound, rounds, loops: LOOPS, batch: BATCH, oursMessagesPerSecond: ours, rawMessagesPerSecond: baseline, oursSent, rawSent },
      };
    } finally {
      await s.cleanup();
    }
  },
};
