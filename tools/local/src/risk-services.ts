import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Topology } from '@bank/topology';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Poller, PollerLog } from './poller';
import type { QueuePair } from './provision';
import { startSqsPoller } from './sqs-poller';
import { startRepeating } from './repeating';

/** How often the local stack runs the hold-expiry sweep (AWS: every `holdExpiry.everyMinutes`). */
export const LOCAL_HOLD_EXPIRY_EVERY_MS = 5_000;

export interface RiskServicesOptions {
  readonly topology: Topology;
  readonly sqs: SQSClient;
  readonly region: string;
  /** Queue pairs of the topology's event rules, by rule name (the provisioner's). */
  readonly ruleQueues: Readonly<Record<string, QueuePair>>;
  /** Loads a handler module by repo-relative entry, after the environment is set (as Lambda would). */
  load<H>(entry: string): Promise<H>;
  readonly log: PollerLog;
  readonly holdExpiryEveryMs?: number;
}

export type RiskServices = Poller;

/**
 * The asynchronous side of #11 on one machine: the risk detector on its rule's queue with
 * Lambda's SQS semantics, and the hold-expiry sweep on a timer (runs never overlap; a failed run
 * is logged and the next one tries again, as the schedule does in AWS).
 */
export async function startRiskServices(options: RiskServicesOptions): Promise<RiskServices> {
  const { topology, log } = options;
  const detector = topology.riskDetector;
  const queue = options.ruleQueues[detector.rule];
  if (!queue) throw new Error(`${detector.name} reads rule ${detector.rule}, which was not provisioned`);
  const handler = await options.load<(event: SQSEvent) => Promise<SQSBatchResponse>>(detector.entry);
  const poller = startSqsPoller({
    client: options.sqs,
    queueUrl: queue.url,
    queueArn: queue.arn,
    region: options.region,
    handler,
    log,
    batchSize: detector.batchSize,
    concurrency: Math.min(2, detector.maxConcurrency),
  });

  const sweep = startRepeating(await options.load<() => Promise<void>>(topology.holdExpiry.entry), options.holdExpiryEveryMs ?? LOCAL_HOLD_EXPIRY_EVERY_MS, log);
  return {
    stop: async () => {
      await Promise.all([poller.stop(), sweep.stop()]);
    },
  };
}
