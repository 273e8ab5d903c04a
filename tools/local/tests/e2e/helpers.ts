import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { optInAttribute } from '@bank/topology';
import { startLocalStack, type LocalStack } from '../../src/stack';
import { callApi } from '../support/customers';

export const quiet = { info: () => undefined, warn: () => undefined };

export function startTestStack(options: { maxReceiveCount?: number } = {}): Promise<LocalStack> {
  return startLocalStack({ port: 0, sandboxPort: 0, smtpPort: 0, seedDemo: false, writeStackFile: false, log: quiet, ...options });
}

export interface SandboxMessage {
  provider: string;
  channel: string;
  to: string;
  subject?: string;
  title?: string;
  body: string;
  data?: Record<string, unknown>;
}

export async function messages(stack: LocalStack, query = ''): Promise<SandboxMessage[]> {
  const res = await fetch(`${stack.sandboxUrl}/api/messages${query}`);
  return ((await res.json()) as { messages: SandboxMessage[] }).messages;
}

/** Polls the sandbox until `done` holds for its messages (or the time runs out). */
export async function waitForMessages(
  stack: LocalStack,
  done: (all: SandboxMessage[]) => boolean,
  timeoutMs = 20_000,
): Promise<SandboxMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await messages(stack);
    if (done(all) || Date.now() > deadline) return all;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** POSTs as the stack's operator, or with `token`. */
export async function post(stack: LocalStack, path: string, body: unknown, headers: Record<string, string> = {}, token?: string) {
  const res = await callApi(stack, 'POST', path, body, headers, token);
  return { status: res.status, json: res.json };
}

export { callApi, openCustomerAccount, operatorOf } from '../support/customers';
export type { TestCustomer } from '../support/customers';

/** Publishes an event to the topic again, with the attributes the relay sets, as a duplicate SNS delivery would. */
export async function republish(stack: LocalStack, event: { type: string }, channels: readonly string[]): Promise<void> {
  await new SNSClient({ endpoint: stack.endpoint, region: 'us-east-1' }).send(
    new PublishCommand({
      TopicArn: stack.resources.topicArn,
      Message: JSON.stringify(event),
      MessageAttributes: {
        type: { DataType: 'String', StringValue: event.type },
        version: { DataType: 'String', StringValue: '1' },
        ...Object.fromEntries(channels.map((c) => [optInAttribute(c), { DataType: 'String', StringValue: 'true' }])),
      },
    }),
  );
}
