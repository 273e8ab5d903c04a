import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Topology } from '@bank/topology';
import { sleep } from './sandbox-client';

/** What {@link waitForIdleQueues} found: the messages waiting when it began, by queue, and how long they took. */
export interface IdleWait {
  /** Queues that held messages (visible, in flight or delayed) at the first poll, with their counts. */
  readonly backlog: Readonly<Record<string, number>>;
  readonly waitedMs: number;
  /** False when `timeoutMs` passed first. */
  readonly idle: boolean;
}

const COUNTS = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;

/** The stack's event queues: every channel's and every event rule's (the risk detector's among them). */
export const eventQueueNames = (topology: Pick<Topology, 'channels' | 'rules'>): string[] => [...topology.channels.map((c) => c.queueName), ...topology.rules.map((r) => r.queueName)];

/**
 * Waits until the named queues hold no message, visible, in flight or delayed, in two polls in a
 * row: the work an earlier load left behind is done, so it does not compete with the next
 * measurement. Gives up after `timeoutMs` and says so.
 */
export async function waitForIdleQueues(sqs: SQSClient, names: readonly string[], options: { timeoutMs?: number; pollMs?: number } = {}): Promise<IdleWait> {
  const { timeoutMs = 90_000, pollMs = 250 } = options;
  const started = performance.now();
  const urls = await Promise.all(names.map(async (QueueName) => (await sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl ?? ''));
  const pending = async (): Promise<Record<string, number>> => {
    const counts = await Promise.all(
      urls.map(async (QueueUrl) => {
        const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: [...COUNTS] }));
        return COUNTS.reduce((sum, name) => sum + Number(Attributes[name] ?? 0), 0);
      }),
    );
    return Object.fromEntries(names.map((name, i) => [name, counts[i] ?? 0]).filter(([, n]) => n !== 0));
  };
  const backlog = await pending();
  let emptyPolls = Object.keys(backlog).length === 0 ? 1 : 0;
  while (emptyPolls < 2 && performance.now() - started < timeoutMs) {
    await sleep(pollMs);
    emptyPolls = Object.keys(await pending()).length === 0 ? emptyPolls + 1 : 0;
  }
  return { backlog, waitedMs: performance.now() - started, idle: emptyPolls >= 2 };
}
