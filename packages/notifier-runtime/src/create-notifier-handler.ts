import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadChannelProviders, parseManifest, type ChannelRegistry } from '@bank/plugin-sdk';
import { SecretsManagerSource } from './adapters/secrets-manager-source';
import { resolveSecretEnv, type SecretSource } from './provider-secrets';
import { buildTopology, type ChannelDef, type Topology } from '@bank/topology';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoDeliveryLedger } from './adapters/dynamo-delivery-ledger';
import { DynamoRecipientDirectory } from './adapters/dynamo-recipient-directory';
import { queueNameFromArn, SqsQueueOps } from './adapters/sqs-queue-ops';
import { notifierConfigFromEnv, readManifestSource, type EnvSource } from './config';
import { peekEventId } from './decode-event';
import { NotifierConfigError } from './errors';
import { createPowertoolsLogger, createPowertoolsMetrics, logOutcome, type NotifierMetrics } from './observability';
import type { DeliveryLedger, NotifierLogger, QueueOps, RecipientDirectory } from './ports';
import { processRecord, type Outcome } from './process-record';
import { DEFAULT_TEMPLATES, mergeTemplates, type TemplateSet } from './templates';

export interface NotifierHandlerOptions {
  /** Channels this function serves, e.g. ['sms', 'whatsapp']. */
  readonly channels: readonly string[];
  /** The default manifest (object or JSON text); env `NOTIFIER_MANIFEST` replaces it. */
  readonly manifest: unknown;
  /** Plugin modules by specifier, statically imported by the service so the bundler includes them. */
  readonly preloadedPlugins?: Readonly<Record<string, unknown>>;
  /** Used as Powertools service name; default `notifier-<first channel>`. */
  readonly serviceName?: string;
  readonly clients?: { readonly dynamodb?: DynamoDBClient; readonly sqs?: SQSClient };
  /** Replace the AWS adapters (tests, other stores). */
  readonly ports?: { readonly recipients?: RecipientDirectory; readonly ledger?: DeliveryLedger; readonly queue?: QueueOps };
  /** Default: `buildTopology({ maxReceiveCount: MAX_RECEIVE_COUNT })`. */
  readonly topology?: Topology;
  /** Merged over the default templates per (event type, channel). */
  readonly templates?: TemplateSet;
  /** Where `<NAME>_SECRET_ARN` secrets are read from; default AWS Secrets Manager. */
  readonly secrets?: SecretSource;
  /** Environment for table names, manifest override and `${VAR}` interpolation; default `process.env`. */
  readonly env?: EnvSource;
  readonly logger?: NotifierLogger;
  /** `false` turns metrics off. Default: Powertools EMF metrics. */
  readonly metrics?: NotifierMetrics | false;
  readonly now?: () => Date;
  readonly random?: () => number;
}

export type NotifierHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/** Runs tasks for the same key one after another and different keys concurrently. */
async function runGrouped<T>(items: readonly T[], keyOf: (item: T) => string, run: (item: T) => Promise<void>): Promise<void> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (const item of group) await run(item);
    }),
  );
}

/**
 * Builds the SQS handler of a notifier function. Providers are loaded from the manifest on the
 * first invocation and reused; a failed load is retried on the next one. Only `retry` outcomes
 * are reported as batch item failures: permanent ones were dead-lettered and deleted already.
 */
export function createNotifierHandler(options: NotifierHandlerOptions): NotifierHandler {
  const env = options.env ?? process.env;
  const config = notifierConfigFromEnv(env);
  const topology = options.topology ?? buildTopology(config.maxReceiveCount ? { maxReceiveCount: config.maxReceiveCount } : {});
  const serviceName = options.serviceName ?? `notifier-${options.channels[0] ?? 'unknown'}`;
  const logger = options.logger ?? createPowertoolsLogger(serviceName);
  const metrics = options.metrics === false ? undefined : (options.metrics ?? createPowertoolsMetrics(serviceName));
  const now = options.now ?? (() => new Date());
  const templates = mergeTemplates(DEFAULT_TEMPLATES, options.templates);

  const served: ChannelDef[] = options.channels.map((name) => {
    const channel = topology.channels.find((c) => c.name === name);
    if (!channel) throw new NotifierConfigError(`channel ${name} is not in the topology`);
    return channel;
  });
  const channelByQueue = new Map(served.map((c) => [c.queueName, c]));

  let documentClient: DynamoDBDocumentClient | undefined;
  const documents = (): DynamoDBDocumentClient =>
    (documentClient ??= DynamoDBDocumentClient.from(options.clients?.dynamodb ?? new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    }));
  const recipients = options.ports?.recipients ?? new DynamoRecipientDirectory({ client: documents(), tableName: config.accountsTable });
  const ledger = options.ports?.ledger ?? new DynamoDeliveryLedger({ client: documents(), tableName: config.deliveriesTable });
  const queue =
    options.ports?.queue ??
    new SqsQueueOps({ client: options.clients?.sqs ?? new SQSClient({}), deadLetterQueues: Object.fromEntries(served.map((c) => [c.name, c.dlqName])) });

  let registry: Promise<ChannelRegistry> | undefined;
  const providers = (): Promise<ChannelRegistry> => {
    registry ??= (async () => {
      const source = config.manifestOverride !== undefined ? readManifestSource(config.manifestOverride) : options.manifest;
      const providerEnv = await resolveSecretEnv(env, () => options.secrets ?? new SecretsManagerSource());
      const loaded = await loadChannelProviders(parseManifest(source), { env: providerEnv, ...(options.preloadedPlugins ? { preloaded: options.preloadedPlugins } : {}) });
      for (const channel of options.channels) {
        if (loaded.providers(channel).length === 0) logger.warn('manifest has no provider for channel', { channel });
      }
      return loaded;
    })();
    registry.catch(() => (registry = undefined));
    return registry;
  };

  const channelOf = (record: SQSRecord): ChannelDef | undefined => {
    try {
      return channelByQueue.get(queueNameFromArn(record.eventSourceARN));
    } catch {
      return undefined;
    }
  };

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: string[] = [];
    let loaded: ChannelRegistry;
    try {
      loaded = await providers();
    } catch (error) {
      logger.error('cannot load notification providers', { error: error instanceof Error ? error.name : 'Error', detail: error instanceof Error ? error.message : String(error) });
      return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
    }

    await runGrouped(
      event.Records,
      (record) => `${peekEventId(record.body) ?? `message:${record.messageId}`}#${channelOf(record)?.name ?? '?'}`,
      async (record) => {
        const channel = channelOf(record);
        if (!channel) {
          logger.error('record from a queue this notifier does not serve', { messageId: record.messageId, queue: record.eventSourceARN });
          failures.push(record.messageId);
          return;
        }
        const outcome: Outcome = await processRecord(record, {
          channel: channel.name,
          retryPolicy: channel.retry,
          recipients,
          ledger,
          queue,
          providers: loaded.providers(channel.name),
          templates,
          now,
          ...(options.random ? { random: options.random } : {}),
          logger,
        });
        logOutcome(logger, outcome);
        metrics?.record(outcome, now());
        if (outcome.kind === 'retry') failures.push(record.messageId);
      },
    );
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
