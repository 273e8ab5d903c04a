import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsQueueOps, type QueueOps } from '@bank/notifier-runtime';
import { CachedRiskPolicySource, type RiskPolicySource } from '@bank/risk-policy';
import { DynamoRiskPolicyStore } from '@bank/risk-policy/dynamodb';
import { buildTopology, type Topology } from '@bank/topology';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoCaseStore } from './adapters/dynamo-case-store';
import { DynamoWindowStore } from './adapters/dynamo-window-store';
import { riskConfigFromEnv, type EnvSource } from './config';
import type { AccountFreezer, CaseStore, RiskLogger, WindowStore } from './domain/ports';
import { createPowertoolsLogger, createPowertoolsMetrics, logOutcome, type RiskMetrics } from './observability';
import { processMessage } from './sqs/process-message';

export interface RiskHandlerOptions {
  /** Freezes accounts for cases whose policy action is `freeze` (enforce mode). */
  readonly freezer: AccountFreezer;
  /** Powertools service name; default `risk`. */
  readonly serviceName?: string;
  readonly clients?: { readonly dynamodb?: DynamoDBClient; readonly sqs?: SQSClient };
  /** Replace the AWS adapters (tests, other stores). */
  readonly ports?: { readonly policies?: RiskPolicySource; readonly windows?: WindowStore; readonly cases?: CaseStore; readonly queue?: Pick<QueueOps, 'sendToDeadLetterQueue' | 'deleteMessage'> };
  /** Default `buildTopology()`: table names and, from its event rules, each source queue's DLQ. */
  readonly topology?: Topology;
  /** Source queue name → DLQ name, added to (and overriding) the topology's rules. */
  readonly deadLetterQueues?: Readonly<Record<string, string>>;
  /** Table names and policy cache age; default `process.env`. */
  readonly env?: EnvSource;
  readonly logger?: RiskLogger;
  /** `false` turns metrics off. Default: Powertools EMF metrics. */
  readonly metrics?: RiskMetrics | false;
  readonly now?: () => Date;
}

export type RiskHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * Builds the SQS handler of the risk service. Messages of a batch are examined one after another
 * (a batch is small, and in order they cannot race each other to open overlapping cases); only
 * retryable failures are reported as batch item failures: permanent ones were dead-lettered.
 *
 * @example
 * // services/risk-detector/src/handler.ts, the Lambda entry:
 * const dynamodb = new DynamoDBClient({});
 * const detect = createRiskHandler({ freezer: accountServiceFreezer({ dynamodb }), clients: { dynamodb } });
 */
export function createRiskHandler(options: RiskHandlerOptions): RiskHandler {
  const topology = options.topology ?? buildTopology();
  const config = riskConfigFromEnv(options.env ?? process.env, topology);
  const serviceName = options.serviceName ?? 'risk';
  const logger = options.logger ?? createPowertoolsLogger(serviceName);
  const metrics = options.metrics === false ? undefined : (options.metrics ?? createPowertoolsMetrics(serviceName));
  const now = options.now ?? (() => new Date());

  let documentClient: DynamoDBDocumentClient | undefined;
  const documents = (): DynamoDBDocumentClient =>
    (documentClient ??= DynamoDBDocumentClient.from(options.clients?.dynamodb ?? new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }));
  const deadLetterQueues = { ...Object.fromEntries(topology.rules.map((rule) => [rule.queueName, rule.dlqName])), ...options.deadLetterQueues };
  const ports = {
    detection: {
      policies: options.ports?.policies ?? new CachedRiskPolicySource(new DynamoRiskPolicyStore({ client: documents(), tableName: config.accountsTable }), { maxAgeMs: config.policyMaxAgeMs }),
      windows: options.ports?.windows ?? new DynamoWindowStore({ client: documents(), tableName: config.riskTable }),
      cases: options.ports?.cases ?? new DynamoCaseStore({ client: documents(), tableName: config.accountsTable }),
      freezer: options.freezer,
      now,
      logger,
    },
    queue: options.ports?.queue ?? new SqsQueueOps({ client: options.clients?.sqs ?? new SQSClient({}), deadLetterQueues }),
  };

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: string[] = [];
    for (const record of event.Records) {
      const outcome = await processMessage(record, ports);
      logOutcome(logger, outcome);
      metrics?.record(outcome);
      if (outcome.kind === 'retry') failures.push(record.messageId);
    }
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
