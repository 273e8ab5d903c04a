import { DynamoDBClient, GetItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../src/stack';
import { callApi, openCustomerAccount, type ApiResponse } from '../support/customers';

/** Shared plumbing of the reliability suite: one local stack per file, bounded waits only. */

export const quiet = { info: () => undefined, warn: () => undefined };

export function startReliabilityStack(options: Partial<LocalStackOptions> = {}): Promise<LocalStack> {
  return startLocalStack({ port: 0, sandboxPort: 0, smtpPort: 0, seedDemo: false, writeStackFile: false, log: quiet, ...options });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `done` holds or `timeoutMs` passes; returns the last value either way. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, everyMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(everyMs);
  }
}

export type { ApiResponse as Response } from '../support/customers';
export { callApi } from '../support/customers';

/** Calls the API as the stack's operator (who may move money on any account). */
export function call(stack: LocalStack, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return callApi(stack, method, path, body, headers);
}

/** Opens an account for a new customer with the given channels on. */
export async function openAccount(
  stack: LocalStack,
  channels: Readonly<Record<string, boolean>>,
  initialDeposit?: number,
): Promise<{ accountId: string; email: string; phone: string }> {
  const customer = await openCustomerAccount(stack, channels, initialDeposit ? { initialDeposit } : {});
  return { accountId: customer.accountId, email: customer.email, phone: customer.phone };
}

export interface SandboxMessage {
  readonly provider: string;
  readonly channel: string;
  readonly to: string;
  readonly subject?: string;
  readonly body: string;
}

export async function sandboxMessages(stack: LocalStack): Promise<SandboxMessage[]> {
  const res = await fetch(`${stack.sandboxUrl}/api/messages`);
  return ((await res.json()) as { messages: SandboxMessage[] }).messages;
}

export interface Fault {
  readonly provider: 'twilio' | 'sendgrid' | 'smtp';
  readonly status?: number;
  readonly delayMs?: number;
  readonly count?: number;
}

export async function armFault(stack: LocalStack, fault: Fault): Promise<void> {
  const res = await fetch(`${stack.sandboxUrl}/api/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault) });
  if (res.status !== 201) throw new Error(`sandbox refused the fault: HTTP ${res.status}`);
}

export async function refusedCalls(stack: LocalStack): Promise<Record<string, number>> {
  return ((await (await fetch(`${stack.sandboxUrl}/api/faults`)).json()) as { refused: Record<string, number> }).refused;
}

export async function clearFaults(stack: LocalStack): Promise<void> {
  await fetch(`${stack.sandboxUrl}/api/faults`, { method: 'DELETE' });
}

export function clients(stack: LocalStack): { sqs: SQSClient; dynamodb: DynamoDBClient } {
  const config = { endpoint: stack.endpoint, region: 'us-east-1' };
  return { sqs: new SQSClient(config), dynamodb: new DynamoDBClient(config) };
}

/** Visible + in-flight messages of a queue (moto answers these exactly). */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

/** Drains a DLQ into `into` (by event id); messages stay hidden for a minute, long enough for one test. */
export async function drainDlq(sqs: SQSClient, dlqUrl: string, into: Map<string, Message>): Promise<Map<string, Message>> {
  const out = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60, MessageAttributeNames: ['All'], WaitTimeSeconds: 0 }),
  );
  for (const message of out.Messages ?? []) {
    const id = (JSON.parse(message.Body ?? '{}') as { id?: string }).id ?? message.MessageId ?? '';
    into.set(id, message);
  }
  return into;
}

export interface DeliveryRecord {
  readonly status?: string;
  readonly attempts?: number;
  readonly provider?: string;
  readonly lastError?: { class?: string; reason?: string; provider?: string };
}

export async function deliveryRecord(dynamodb: DynamoDBClient, stack: LocalStack, eventId: string, channel: string): Promise<DeliveryRecord | undefined> {
  const out = await dynamodb.send(
    new GetItemCommand({ TableName: stack.resources.deliveriesTable, Key: { DeliveryID: { S: `${eventId}#${channel}` } }, ConsistentRead: true }),
  );
  const item = out.Item;
  if (!item) return undefined;
  const lastError = item.lastError?.M;
  return {
    ...(item.status?.S ? { status: item.status.S } : {}),
    ...(item.attempts?.N ? { attempts: Number(item.attempts.N) } : {}),
    ...(item.provider?.S ? { provider: item.provider.S } : {}),
    ...(lastError
      ? {
          lastError: {
            ...(lastError.class?.S ? { class: lastError.class.S } : {}),
            ...(lastError.reason?.S ? { reason: lastError.reason.S } : {}),
            ...(lastError.provider?.S ? { provider: lastError.provider.S } : {}),
          },
        }
      : {}),
  };
}

/** Every item of the accounts table, canonically ordered: "did anything change?" in one value. */
export async function tableSnapshot(dynamodb: DynamoDBClient, stack: LocalStack): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await dynamodb.send(new ScanCommand({ TableName: stack.resources.accountsTable, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) items.push(canonical(item));
    start = out.LastEvaluatedKey;
    if (!start) break;
  }
  return items.sort();
}

/** JSON with object keys sorted at every level. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
