import { DEFAULT_RISK_POLICY } from '@bank/risk-policy';
import { silentLogger } from '@bank/notifier-runtime';
import type { SQSEvent } from 'aws-lambda';
import { createRiskHandler } from '../../src/create-risk-handler';
import type { MessageOutcome } from '../../src/sqs/process-message';
import { InMemoryAccountFreezer, InMemoryCaseStore, InMemoryWindowStore } from '../../src/testing/index';
import { at, deposit, eventBridgeBody, T0, withdrawal } from '../support/events';
import { FakeQueue, sqsRecord } from '../support/fakes';

function setup() {
  const cases = new InMemoryCaseStore();
  const queue = new FakeQueue();
  const recorded: MessageOutcome[] = [];
  const freezer = new InMemoryAccountFreezer({ 'acct-1': 'OPEN' });
  const handler = createRiskHandler({
    freezer,
    ports: { policies: { current: async () => ({ policy: DEFAULT_RISK_POLICY, version: 0 }) }, windows: new InMemoryWindowStore(), cases, queue },
    env: {},
    logger: silentLogger,
    metrics: { record: (outcome) => recorded.push(outcome) },
    now: () => new Date(T0 + 60 * 60_000),
  });
  return { handler, cases, queue, recorded };
}

const batch = (...bodies: string[]): SQSEvent => ({ Records: bodies.map((body) => sqsRecord(body)) });

describe('createRiskHandler', () => {
  it('examines a batch in order and opens the case its events show', async () => {
    const { handler, cases } = setup();
    const response = await handler(batch(eventBridgeBody(deposit('acct-1', 200_000, at(0))), eventBridgeBody(withdrawal('acct-1', 190_000, at(3)))));
    expect(response).toEqual({ batchItemFailures: [] });
    expect([...cases.cases.values()].map((c) => c.pattern)).toEqual(['pass-through']);
  });

  it('reports only retryable failures; an invalid message is dead-lettered, not failed', async () => {
    const { handler, queue } = setup();
    const response = await handler(batch('not json', eventBridgeBody(deposit('acct-1', 1, at(0)))));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(queue.deadLettered).toHaveLength(1);
  });

  it('records one metric outcome per message', async () => {
    const { handler, recorded } = setup();
    await handler(batch(eventBridgeBody(deposit('acct-1', 200_000, at(0))), eventBridgeBody(withdrawal('acct-1', 190_000, at(3))), '{}'));
    expect(recorded.map((outcome) => outcome.kind)).toEqual(['processed', 'processed', 'permanent']);
  });
});
