import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { RuleConsumerDef } from '@bank/topology';
import { Construct } from 'constructs';
import { BankFunction } from './bank-function';
import { RISK_CASES_PARTITION } from '@bank/risk-service';
import { checkEventSource } from './event-source-limits';
import type { QueuePair } from './queue-pair';

/** Partition key of the risk case items in the accounts table (services/risk `case-items.ts`). */
export const RISK_CASE_PARTITION_PREFIX = RISK_CASES_PARTITION;

/** What the detector does to the accounts table: read the policy, open and update cases, and freeze accounts through the account service's command. */
export const RISK_ACCOUNTS_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;
/** Its own windows: one put per event, one query per event. */
export const RISK_WINDOW_ACTIONS = ['dynamodb:PutItem', 'dynamodb:Query'] as const;

/** Policy cache of the deployed detector (the most a policy change may wait; the local stack uses 0). */
export const RISK_POLICY_MAX_AGE_SECONDS = 30;

export interface RiskDetectionProps {
  readonly def: RuleConsumerDef;
  /** The queue pair of the rule the detector reads (BankEventBus). */
  readonly queues: QueuePair;
  readonly accounts: ITable;
  readonly windows: ITable;
  /** Absolute path of the handler entry. */
  readonly entry: string;
  readonly logRetention: RetentionDays;
}

/**
 * services/risk on AWS: one function consuming the money-event queue of its rule (partial batch
 * responses, a concurrency cap), dead-lettering invalid messages into the rule's DLQ itself,
 * with only the table rights its adapters use. Key use and queue sender lists: access-controls.ts.
 */
export class RiskDetection extends Construct {
  readonly def: RuleConsumerDef;
  readonly fn: BankFunction;

  constructor(scope: Construct, id: string, props: RiskDetectionProps) {
    super(scope, id);
    const { def } = props;
    this.def = def;
    checkEventSource(def.name, def);
    this.fn = new BankFunction(this, 'Detector', {
      entry: props.entry,
      description: `Risk detection (${def.name}): pass-through and fan-out over the money events`,
      timeout: Duration.seconds(def.timeoutSeconds),
      memorySize: 256,
      logRetention: props.logRetention,
      environment: {
        ACCOUNTS_TABLE: props.accounts.tableName,
        RISK_TABLE: props.windows.tableName,
        RISK_POLICY_MAX_AGE_SECONDS: String(RISK_POLICY_MAX_AGE_SECONDS),
        POWERTOOLS_SERVICE_NAME: def.name,
      },
    });
    this.fn.allow(RISK_WINDOW_ACTIONS, [props.windows.tableArn]);
    this.fn.allow(RISK_ACCOUNTS_ACTIONS, [props.accounts.tableArn]);
    // Queries read only the case partitions (an account's cases around an event's time).
    this.fn.allow(['dynamodb:Query'], [props.accounts.tableArn], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${RISK_CASE_PARTITION_PREFIX}#*`] } });
    this.fn.function.addEventSource(
      new SqsEventSource(props.queues.queue, { batchSize: def.batchSize, reportBatchItemFailures: true, maxConcurrency: def.maxConcurrency }),
    );
    // Invalid messages go straight to the DLQ, found by name (GetQueueUrl) at runtime.
    this.fn.allow(['sqs:SendMessage', 'sqs:GetQueueUrl'], [props.queues.dlq.queueArn]);
  }
}
