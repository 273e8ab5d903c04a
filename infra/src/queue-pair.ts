import { Duration, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption, RedrivePermission } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface QueuePairProps {
  readonly queueName: string;
  readonly dlqName: string;
  /** Receives before SQS moves a message to the DLQ. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeout: Duration;
  /** Customer-managed key for both queues; default SSE-SQS. */
  readonly encryptionKey?: IKey;
}

/**
 * A work queue and its dead-letter queue: encrypted (the given KMS key, else SSE-SQS), TLS-only,
 * DLQ kept for the maximum 14 days and usable as a DLQ by its own work queue only.
 */
export class QueuePair extends Construct {
  readonly queue: Queue;
  readonly dlq: Queue;

  constructor(scope: Construct, id: string, props: QueuePairProps) {
    super(scope, id);
    const encryption = props.encryptionKey
      ? { encryption: QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey }
      : { encryption: QueueEncryption.SQS_MANAGED };
    // By ARN, not by reference: the work queue already refers to the DLQ (its redrive policy).
    const source = Queue.fromQueueArn(this, 'Source', Stack.of(this).formatArn({ service: 'sqs', resource: props.queueName }));
    this.dlq = new Queue(this, 'Dlq', {
      queueName: props.dlqName,
      ...encryption,
      redriveAllowPolicy: { redrivePermission: RedrivePermission.BY_QUEUE, sourceQueues: [source] },
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: props.queueName,
      ...encryption,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.dlq, maxReceiveCount: props.maxReceiveCount },
    });
  }
}
