import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { OUTBOX_RECORD_TYPES } from '@bank/account-service/outbox';
import { Construct } from 'constructs';
import { BankFunction } from './bank-function';

export interface OutboxRelayProps {
  readonly entry: string;
  readonly table: ITable;
  readonly topic: ITopic;
  readonly bus: IEventBus;
  readonly logRetention: RetentionDays;
  /** Customer-managed key of the failures queue (default SSE-SQS). */
  readonly failuresKey?: IKey;
}

/** Stream settings: a poison batch is split until the bad record is isolated, then parked. */
export const RELAY_STREAM = {
  batchSize: 100,
  retryAttempts: 10,
  maxRecordAge: Duration.hours(24),
  parallelizationFactor: 2,
} as const;

/**
 * The transactional outbox relay: the accounts table's stream → SNS + EventBridge. Only
 * inserted items of the record types the account service turns into events (`OUTBOX_RECORD_TYPES`,
 * kept next to its event mapper) pass the filter, so idempotency records, listing entries and other
 * writes cost no invocation. The local stack has no stream filter: a type missing there would fail
 * on AWS alone, hence the one list.
 */
export class OutboxRelay extends Construct {
  readonly fn: BankFunction;
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: OutboxRelayProps) {
    super(scope, id);
    this.failures = new Queue(this, 'Failures', {
      queueName: 'outbox-relay-failures',
      ...(props.failuresKey
        ? { encryption: QueueEncryption.KMS, encryptionMasterKey: props.failuresKey }
        : { encryption: QueueEncryption.SQS_MANAGED }),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.fn = new BankFunction(this, 'Relay', {
      entry: props.entry,
      description: 'Outbox relay: table stream to SNS and EventBridge',
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetention: props.logRetention,
      environment: {
        TOPIC_ARN: props.topic.topicArn,
        EVENT_BUS_NAME: props.bus.eventBusName,
        POWERTOOLS_SERVICE_NAME: 'outbox-relay',
      },
    });
    this.fn.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: RELAY_STREAM.batchSize,
        bisectBatchOnError: true,
        retryAttempts: RELAY_STREAM.retryAttempts,
        maxRecordAge: RELAY_STREAM.maxRecordAge,
        // Order is kept per item key, which is all the per-account event order needs.
        parallelizationFactor: RELAY_STREAM.parallelizationFactor,
        reportBatchItemFailures: true,
        // Not SqsDlq: its grant adds KMS wildcard actions that do nothing here (the queues key
        // policy grants the relay's use of the key, access-controls.ts); these are the SQS rights.
        onFailure: {
          bind: () => {
            this.fn.allow(['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], [this.failures.queueArn]);
            return { destination: this.failures.queueArn };
          },
        },
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { recordType: { S: FilterRule.or(...OUTBOX_RECORD_TYPES) } } },
          }),
        ],
      }),
    );
    // Not grantPublish: its KMS statement (GenerateDataKey*) is inert here, the topics key
    // policy grants the relay's use of the key (access-controls.ts).
    this.fn.allow(['sns:Publish'], [props.topic.topicArn]);
    props.bus.grantPutEventsTo(this.fn);
  }
}
