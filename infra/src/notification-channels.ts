import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { secretArnVariable } from '@bank/plugin-sdk';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { SubscriptionFilter } from 'aws-cdk-lib/aws-sns';
import { type ChannelDef, filterPolicyFor, type NotifierDef, type Topology } from '@bank/topology';
import { Construct } from 'constructs';
import { BankFunction } from './bank-function';
import { TopologyConstraintError } from './errors';
import { checkEventSource, VISIBILITY_TIMEOUT_FACTOR } from './event-source-limits';
import { notifierSecrets, type NotifierPlugins } from './provider-secrets';
import { QueuePair } from './queue-pair';
import type { EntryResolver } from './repo-paths';


export interface NotificationChannelsProps {
  readonly topology: Topology;
  readonly topic: ITopic;
  readonly accounts: ITable;
  readonly deliveries: ITable;
  /** The provider secrets by name (ProviderSecrets); each notifier gets the ones its plugins declare. */
  readonly secrets: Readonly<Record<string, ISecret>>;
  /** Where each notifier's plugins come from; default its generated plugin map. */
  readonly plugins?: NotifierPlugins;
  readonly resolveEntry: EntryResolver;
  readonly logRetention: RetentionDays;
  /** Customer-managed key of the channel queues and DLQs (default SSE-SQS). */
  readonly queueKey?: IKey;
  /** The callbacks API's public base URL: plugins that ask their provider for status callbacks give `<it>/webhooks/<provider>`. */
  readonly callbacksUrl?: string;
}

export interface ChannelResources {
  readonly channel: ChannelDef;
  readonly pair: QueuePair;
}

/** The channel's visibility timeout, raised to 6x its notifier's timeout when the topology says less. */
export function visibilityTimeoutFor(channel: ChannelDef, notifier: NotifierDef): Duration {
  return Duration.seconds(Math.max(channel.visibilityTimeoutSeconds, VISIBILITY_TIMEOUT_FACTOR * notifier.timeoutSeconds));
}

function notifierOf(topology: Topology, channel: ChannelDef): NotifierDef {
  const notifier = topology.notifiers.find((n) => n.name === channel.notifier);
  if (!notifier) throw new TopologyConstraintError(`channel ${channel.name} names notifier ${channel.notifier}, which the topology does not define`);
  return notifier;
}

/** One MAX_RECEIVE_COUNT per function: the channels a notifier serves must agree on it. */
function sharedMaxReceiveCount(notifier: NotifierDef, channels: readonly ChannelDef[]): number {
  const counts = new Set(channels.map((c) => c.retry.maxReceiveCount));
  const [count] = counts;
  if (counts.size !== 1 || count === undefined) {
    throw new TopologyConstraintError(`channels of ${notifier.name} disagree on maxReceiveCount (${[...counts].join(', ')})`);
  }
  return count;
}

/**
 * Everything a channel needs, generated from the topology: per channel a queue + DLQ and a raw,
 * filtered SNS subscription; per notifier one function consuming its channels' queues with
 * partial batch responses and a per-channel concurrency cap (provider rate limits).
 */
export class NotificationChannels extends Construct {
  readonly channels: readonly ChannelResources[];
  readonly notifiers: ReadonlyArray<{ readonly def: NotifierDef; readonly fn: BankFunction }>;

  constructor(scope: Construct, id: string, props: NotificationChannelsProps) {
    super(scope, id);
    const { topology } = props;
    this.channels = topology.channels.map((channel) => {
      checkEventSource(`channel ${channel.name}`, channel);
      const pair = new QueuePair(this, `${channel.name}Queues`, {
        queueName: channel.queueName,
        dlqName: channel.dlqName,
        maxReceiveCount: channel.retry.maxReceiveCount,
        visibilityTimeout: visibilityTimeoutFor(channel, notifierOf(topology, channel)),
        ...(props.queueKey ? { encryptionKey: props.queueKey } : {}),
      });
      props.topic.addSubscription(
        new SqsSubscription(pair.queue, {
          rawMessageDelivery: true,
          filterPolicy: Object.fromEntries(Object.entries(filterPolicyFor(channel)).map(([attr, values]) => [attr, SubscriptionFilter.stringFilter({ allowlist: values })])),
        }),
      );
      return { channel, pair };
    });
    this.notifiers = topology.notifiers.flatMap((def) => {
      const served = this.channels.filter((c) => c.channel.notifier === def.name);
      return served.length === 0 ? [] : [{ def, fn: this.notifierFunction(def, served, props) }];
    });
  }

  private notifierFunction(def: NotifierDef, served: readonly ChannelResources[], props: NotificationChannelsProps): BankFunction {
    const secrets = notifierSecrets(def, props.plugins).map(({ name }) => {
      const secret = props.secrets[name];
      if (!secret) throw new TopologyConstraintError(`notifier ${def.name} needs secret ${name}, which the stack does not create`);
      return { name, secret };
    });
    const fn = new BankFunction(this, def.name, {
      entry: props.resolveEntry(def.entry),
      description: `Notifier ${def.name}: ${served.map((c) => c.channel.name).join(', ')}`,
      timeout: Duration.seconds(def.timeoutSeconds),
      memorySize: 256,
      logRetention: props.logRetention,
      environment: {
        ACCOUNTS_TABLE: props.accounts.tableName,
        DELIVERIES_TABLE: props.deliveries.tableName,
        MAX_RECEIVE_COUNT: String(sharedMaxReceiveCount(def, served.map((c) => c.channel))),
        POWERTOOLS_SERVICE_NAME: def.name,
        ...(props.callbacksUrl ? { PUBLIC_API_URL: props.callbacksUrl } : {}),
        ...Object.fromEntries(secrets.map(({ name, secret }) => [secretArnVariable(name), secret.secretArn])),
      },
    });
    fn.allow(['dynamodb:GetItem'], [props.accounts.tableArn]);
    // A batch's claims and SENT records (with lookup items for plugins whose reports carry no key) are TransactWriteItems, authorized per item: PutItem, UpdateItem.
    fn.allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [props.deliveries.tableArn]);
    for (const { secret } of secrets) fn.allow(['secretsmanager:GetSecretValue'], [secret.secretArn]);
    for (const { channel, pair } of served) {
      fn.function.addEventSource(
        new SqsEventSource(pair.queue, { batchSize: channel.batchSize, reportBatchItemFailures: true, maxConcurrency: channel.maxConcurrency }),
      );
      // Permanent failures go straight to the DLQ, found by name (GetQueueUrl) at runtime.
      fn.allow(['sqs:SendMessage', 'sqs:GetQueueUrl'], [pair.dlq.queueArn]);
    }
    return fn;
  }
}
