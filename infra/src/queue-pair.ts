import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface QueuePairProps {
  readonly queueName: string;
  readonly dlqName: string;
  /** Receives before SQS moves a message to the DLQ. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeout: Duration;
}

/** A work queue and its dead-letter queue: SSE-SQS, TLS-only, DLQ kept for the maximum 14 days. */
export class QueuePair extends Construct {
  readonly queue: Queue;
  readonly dlq: Queue;

  constructor(scope: Construct, id: string, props: QueuePairProps) {
    super(scope, id);
    this.dlq = new Queue(this, 'Dlq', {
      queueName: props.dlqName,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: props.queueName,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.dlq, maxReceiveCount: props.maxReceiveCount },
    });
  }
}
