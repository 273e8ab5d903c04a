import type { ChannelDef } from './channel';
import { CHANNELS } from './channels/index';

/**
 * The one description of the messaging topology. The local provisioner (tools/local) and the
 * CDK stack (infra/) are both generated from it: adding a channel is one declaration under `channels/`.
 */

/** A global secondary index (string keys, every attribute projected). */
export interface IndexDef {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
}

export interface TableDef {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly ttlAttribute?: string;
  readonly stream?: 'NEW_IMAGE';
  readonly indexes?: readonly IndexDef[];
}

/** Deliveries of an account, newest first (`GET /accounts/{id}/notifications`); lookup items have no `accountId`, so they stay out. */
export const DELIVERIES_BY_ACCOUNT_INDEX: IndexDef = { name: 'ByAccount', partitionKey: 'accountId', sortKey: 'createdAt' };

export interface NotifierDef {
  readonly name: string;
  /** The notifier service's directory (its manifest.json, its bundled plugins), relative to the repository root. */
  readonly dir: string;
  /** Path of the handler entry point, relative to the repository root. */
  readonly entry: string;
  readonly timeoutSeconds: number;
}

/**
 * One notifier per name the channel declarations use, in the order first named; a notifier is the
 * service `services/<name>` with its handler in `src/handler.ts`. A new channel naming a new
 * notifier needs no entry here.
 */
export function notifiersOf(channels: readonly Pick<ChannelDef, 'notifier'>[]): NotifierDef[] {
  return [...new Set(channels.map((c) => c.notifier))].map((name) => ({
    name,
    dir: `services/${name}`,
    entry: `services/${name}/src/handler.ts`,
    timeoutSeconds: 30,
  }));
}

export interface EventRuleDef {
  readonly name: string;
  readonly description: string;
  readonly queueName: string;
  readonly dlqName: string;
  /** EventBridge event pattern (matched against the CloudEvent put on the bus). */
  readonly pattern: Readonly<Record<string, unknown>>;
}

/**
 * A function that consumes the queue of one event rule (Lambda SQS event source with partial
 * batch responses). CDK deploys it and the local stack polls its queue from this definition;
 * the function finds its DLQ through the rule (`rules[].queueName` → `dlqName`).
 */
export interface RuleConsumerDef {
  readonly name: string;
  /** Path of the handler entry point, relative to the repository root. */
  readonly entry: string;
  readonly timeoutSeconds: number;
  /** Name of the event rule whose queue it reads. */
  readonly rule: string;
  /** Messages per invocation (1..10). */
  readonly batchSize: number;
  /** Concurrent invocations at most (2..1000, the SQS event source's range). */
  readonly maxConcurrency: number;
}

/** A function run on a schedule (an EventBridge rule in AWS, a timer on the local stack). */
export interface ScheduledFunctionDef {
  readonly name: string;
  readonly entry: string;
  readonly timeoutSeconds: number;
  /** Minutes between runs in AWS (the local stack runs it more often). */
  readonly everyMinutes: number;
}

export interface Topology {
  readonly accountsTable: TableDef;
  readonly deliveriesTable: TableDef;
  /** Per-account windows of recent money events kept by services/risk for pattern detection. */
  readonly riskTable: TableDef;
  readonly topicName: string;
  readonly bus: { readonly name: string; readonly archiveName: string; readonly retentionDays: number; readonly source: string };
  readonly channels: readonly ChannelDef[];
  readonly notifiers: readonly NotifierDef[];
  readonly rules: readonly EventRuleDef[];
  /** The risk detector (services/risk-detector over services/risk): pattern detection over the money events of its rule's queue. */
  readonly riskDetector: RuleConsumerDef;
  /** services/account: declines review holds left undecided past `holdExpiryMinutes`. */
  readonly holdExpiry: ScheduledFunctionDef;
}

export const MONEY_EVENT_TYPES = ['MoneyDeposited', 'MoneyWithdrawn', 'TransferSent', 'TransferReceived'] as const;
export const EVENT_SOURCE = 'bank.account';

/** The event rule that feeds services/risk, and its queue. */
export const RISK_RULE = { name: 'risk-detection', queueName: 'risk-events', dlqName: 'risk-events-dlq' } as const;

export interface TopologyOptions {
  /** Overrides every channel's maxReceiveCount (env MAX_RECEIVE_COUNT locally). */
  readonly maxReceiveCount?: number;
}

/** Builds the topology; the options are the knobs that differ between environments. */
export function buildTopology(options: TopologyOptions = {}): Topology {
  const maxReceiveCount = options.maxReceiveCount;
  return {
    accountsTable: {
      name: 'CheckingAccountTransactions',
      partitionKey: 'AccountID',
      sortKey: 'TransactionID',
      ttlAttribute: 'expiresAt',
      stream: 'NEW_IMAGE',
    },
    deliveriesTable: { name: 'NotificationDeliveries', partitionKey: 'DeliveryID', ttlAttribute: 'expiresAt', indexes: [DELIVERIES_BY_ACCOUNT_INDEX] },
    riskTable: { name: 'RiskWindows', partitionKey: 'AccountID', sortKey: 'EntryID', ttlAttribute: 'expiresAt' },
    topicName: 'TransactionEventsTopic',
    bus: { name: 'bank-events', archiveName: 'bank-events-archive', retentionDays: 365, source: EVENT_SOURCE },
    channels: CHANNELS.map((c) => (maxReceiveCount ? { ...c, retry: { ...c.retry, maxReceiveCount } } : c)),
    notifiers: notifiersOf(CHANNELS),
    rules: [
      {
        ...RISK_RULE,
        description: 'Every money event, for asynchronous fraud detection (services/risk)',
        pattern: { source: [EVENT_SOURCE], 'detail-type': [...MONEY_EVENT_TYPES] },
      },
    ],
    // Batches of 10 in order keep one account's events from racing each other; 10 concurrent
    // invocations bound the load on the accounts table during an archive replay.
    riskDetector: { name: 'risk', entry: 'services/risk-detector/src/handler.ts', timeoutSeconds: 30, rule: RISK_RULE.name, batchSize: 10, maxConcurrency: 10 },
    holdExpiry: { name: 'hold-expiry', entry: 'services/account/src/handlers/hold-expiry.ts', timeoutSeconds: 60, everyMinutes: 1 },
  };
}

/** SNS message attribute the relay sets to "true" for each channel the customer had on. */
export const optInAttribute = (channelName: string): string => `notify-${channelName}`;

/**
 * The SNS subscription filter policy of a channel: its event types (attribute `type`), and only
 * for customers who had the channel on when the money moved (attribute `notify-<channel>`), so
 * opted-out channels cost no queue message, no invocation and no write.
 */
export function filterPolicyFor(channel: ChannelDef): Record<string, string[]> {
  return { type: [...channel.eventTypes], [optInAttribute(channel.name)]: ['true'] };
}

export function findChannel(topology: Topology, name: string): ChannelDef | undefined {
  return topology.channels.find((c) => c.name === name);
}

/** The event rule a consumer reads (undefined when the topology does not define it). */
export function ruleOf(topology: Topology, consumer: Pick<RuleConsumerDef, 'rule'>): EventRuleDef | undefined {
  return topology.rules.find((r) => r.name === consumer.rule);
}

/**
 * Key schema of a table as plain data (the shape CreateTable takes), so the local provisioner and
 * the tests create tables exactly as the CDK stack declares them, without this package importing the SDK.
 */
export function tableKeySchema(table: TableDef): {
  KeySchema: KeyElement[];
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' }[];
  StreamSpecification?: { StreamEnabled: true; StreamViewType: 'NEW_IMAGE' };
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: KeyElement[]; Projection: { ProjectionType: 'ALL' } }[];
} {
  const keys = keyElements(table.partitionKey, table.sortKey);
  const indexes = (table.indexes ?? []).map((index) => ({ IndexName: index.name, KeySchema: keyElements(index.partitionKey, index.sortKey), Projection: { ProjectionType: 'ALL' as const } }));
  const attributes = [...new Set([...keys, ...indexes.flatMap((i) => i.KeySchema)].map((k) => k.AttributeName))];
  return {
    KeySchema: keys,
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    ...(table.stream ? { StreamSpecification: { StreamEnabled: true as const, StreamViewType: table.stream } } : {}),
    ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
  };
}

type KeyElement = { AttributeName: string; KeyType: 'HASH' | 'RANGE' };

function keyElements(partitionKey: string, sortKey: string | undefined): KeyElement[] {
  return [{ AttributeName: partitionKey, KeyType: 'HASH' }, ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : [])];
}
