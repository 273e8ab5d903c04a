import { Duration } from 'aws-cdk-lib';
import { Archive, EventBus, type EventPattern, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Topology } from '@bank/topology';
import { Construct } from 'constructs';
import { TopologyConstraintError } from './errors';
import { VISIBILITY_TIMEOUT_FACTOR } from './event-source-limits';
import { QueuePair } from './queue-pair';

/** Receives of a rule queue message before its DLQ: the topology gives rule queues no retry policy. */
export const RULE_QUEUE_MAX_RECEIVE_COUNT = 5;
/** Visibility of a rule queue no function consumes. */
const DEFAULT_RULE_VISIBILITY_SECONDS = 30;

/** At least 6x the timeout of the function consuming the rule's queue (the risk detector). */
export function ruleVisibilityTimeout(topology: Topology, ruleName: string): Duration {
  const consumer = topology.riskDetector.rule === ruleName ? topology.riskDetector : undefined;
  return Duration.seconds(Math.max(DEFAULT_RULE_VISIBILITY_SECONDS, VISIBILITY_TIMEOUT_FACTOR * (consumer?.timeoutSeconds ?? 0)));
}

const PATTERN_KEYS: Readonly<Record<string, keyof EventPattern>> = {
  version: 'version',
  id: 'id',
  'detail-type': 'detailType',
  source: 'source',
  account: 'account',
  time: 'time',
  region: 'region',
  resources: 'resources',
  detail: 'detail',
};

/** The topology writes patterns as EventBridge JSON; CDK wants its camelCase EventPattern. */
export function toEventPattern(pattern: Readonly<Record<string, unknown>>): EventPattern {
  const entries = Object.entries(pattern).map(([key, value]) => {
    const mapped = PATTERN_KEYS[key];
    if (!mapped) throw new TopologyConstraintError(`event pattern key ${key} is not an EventBridge pattern field`);
    return [mapped, value];
  });
  return Object.fromEntries(entries) as EventPattern;
}

/** The event bus, its archive (replay any window) and one queue pair per topology rule. */
export class BankEventBus extends Construct {
  readonly bus: EventBus;
  readonly ruleQueues: ReadonlyArray<{ readonly name: string; readonly pair: QueuePair; readonly rule: Rule }>;

  /** `key`: customer-managed key for the archive and the rule queues (default: AWS-owned keys). */
  constructor(scope: Construct, id: string, topology: Topology, options: { readonly key?: IKey } = {}) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: topology.bus.name });
    new Archive(this, 'Archive', {
      archiveName: topology.bus.archiveName,
      sourceEventBus: this.bus,
      eventPattern: { source: [topology.bus.source] },
      retention: Duration.days(topology.bus.retentionDays),
      description: 'Every account event, for replays',
      ...(options.key ? { kmsKey: options.key } : {}),
    });
    this.ruleQueues = topology.rules.map((def) => {
      const pair = new QueuePair(this, `${def.name}Queues`, {
        queueName: def.queueName,
        dlqName: def.dlqName,
        maxReceiveCount: RULE_QUEUE_MAX_RECEIVE_COUNT,
        visibilityTimeout: ruleVisibilityTimeout(topology, def.name),
        ...(options.key ? { encryptionKey: options.key } : {}),
      });
      const rule = new Rule(this, `${def.name}Rule`, {
        eventBus: this.bus,
        ruleName: def.name,
        description: def.description,
        eventPattern: toEventPattern(def.pattern),
        // Events EventBridge cannot deliver land in the same DLQ as messages nobody could process.
        targets: [new SqsQueue(pair.queue, { deadLetterQueue: pair.dlq, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
      });
      return { name: def.name, pair, rule };
    });
  }
}
