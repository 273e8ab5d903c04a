import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { filterPolicyFor, tableKeySchema, type TableDef, type Topology } from '@bank/topology';

export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  readonly eventBridge: EventBridgeClient;
}

export interface QueuePair {
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
}

export interface ProvisionedResources {
  readonly accountsTable: string;
  readonly deliveriesTable: string;
  /** services/risk's per-account windows. */
  readonly riskTable: string;
  readonly streamArn: string;
  readonly topicArn: string;
  readonly busName: string;
  readonly busArn: string;
  readonly archiveName: string;
  /** Per channel name. */
  readonly channels: Readonly<Record<string, QueuePair>>;
  /** Per event rule name. */
  readonly ruleQueues: Readonly<Record<string, QueuePair>>;
}

async function ensureTable(client: DynamoDBClient, table: TableDef): Promise<string | undefined> {
  try {
    await client.send(new CreateTableCommand({ TableName: table.name, BillingMode: 'PAY_PER_REQUEST', ...tableKeySchema(table) }));
    if (table.ttlAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({ TableName: table.name, TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }),
      );
    }
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  const described = await client.send(new DescribeTableCommand({ TableName: table.name }));
  return described.Table?.LatestStreamArn;
}

async function ensureQueuePair(sqs: SQSClient, name: string, dlqName: string, maxReceiveCount: number, visibilityTimeout: number): Promise<QueuePair> {
  const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: dlqName, Attributes: { MessageRetentionPeriod: '1209600' } }))).QueueUrl ?? '';
  const dlqArn = await queueArn(sqs, dlqUrl);
  const url =
    (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: {
            VisibilityTimeout: String(visibilityTimeout),
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
          },
        }),
      )
    ).QueueUrl ?? '';
  return { url, arn: await queueArn(sqs, url), dlqUrl, dlqArn };
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return out.Attributes?.QueueArn ?? '';
}

async function ensureBus(eventBridge: EventBridgeClient, topology: Topology): Promise<string> {
  try {
    const out = await eventBridge.send(new CreateEventBusCommand({ Name: topology.bus.name }));
    if (out.EventBusArn) return out.EventBusArn;
  } catch {
    // already exists
  }
  return (await eventBridge.send(new DescribeEventBusCommand({ Name: topology.bus.name }))).Arn ?? '';
}

async function ensureArchive(eventBridge: EventBridgeClient, topology: Topology, busArn: string): Promise<void> {
  try {
    await eventBridge.send(new DescribeArchiveCommand({ ArchiveName: topology.bus.archiveName }));
  } catch {
    await eventBridge.send(
      new CreateArchiveCommand({ ArchiveName: topology.bus.archiveName, EventSourceArn: busArn, RetentionDays: topology.bus.retentionDays }),
    );
  }
}

/**
 * Creates (or finds) every resource of the topology in the emulator: the same tables, topic,
 * queues, DLQs, subscriptions, bus, archive and rules that the CDK stack declares. Idempotent.
 */
export async function provision(clients: AwsClients, topology: Topology): Promise<ProvisionedResources> {
  const streamArn = (await ensureTable(clients.dynamodb, topology.accountsTable)) ?? '';
  await ensureTable(clients.dynamodb, topology.deliveriesTable);
  await ensureTable(clients.dynamodb, topology.riskTable);
  const topicArn = (await clients.sns.send(new CreateTopicCommand({ Name: topology.topicName }))).TopicArn ?? '';
  const channels: Record<string, QueuePair> = {};
  for (const channel of topology.channels) {
    const pair = await ensureQueuePair(clients.sqs, channel.queueName, channel.dlqName, channel.retry.maxReceiveCount, channel.visibilityTimeoutSeconds);
    channels[channel.name] = pair;
    await clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: pair.arn,
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(filterPolicyFor(channel)) },
      }),
    );
  }
  const busArn = await ensureBus(clients.eventBridge, topology);
  await ensureArchive(clients.eventBridge, topology, busArn);
  const ruleQueues: Record<string, QueuePair> = {};
  for (const rule of topology.rules) {
    const pair = await ensureQueuePair(clients.sqs, rule.queueName, rule.dlqName, 5, 30);
    ruleQueues[rule.name] = pair;
    await clients.eventBridge.send(
      new PutRuleCommand({ Name: rule.name, EventBusName: topology.bus.name, EventPattern: JSON.stringify(rule.pattern), Description: rule.description }),
    );
    await clients.eventBridge.send(
      new PutTargetsCommand({ Rule: rule.name, EventBusName: topology.bus.name, Targets: [{ Id: `${rule.name}-queue`, Arn: pair.arn }] }),
    );
  }
  return {
    accountsTable: topology.accountsTable.name,
    deliveriesTable: topology.deliveriesTable.name,
    riskTable: topology.riskTable.name,
    streamArn,
    topicArn,
    busName: topology.bus.name,
    busArn,
    archiveName: topology.bus.archiveName,
    channels,
    ruleQueues,
  };
}
