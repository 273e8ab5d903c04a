import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { ChannelPlugin, ChannelRegistry, ConfigValidator } from '@bank/plugin-sdk';
import { buildTopology, type ChannelDef, type Topology } from '@bank/topology';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoDeliveryLedger } from './adapters/dynamo-delivery-ledger';
import { LedgerBatch } from './ledger-batch';
import { runGrouped } from './run-grouped';
import { DynamoRecipientDirectory } from './adapters/dynamo-recipient-directory';
import { queueNameFromArn, SqsQueueOps } from './adapters/sqs-queue-ops';
import { notifierConfigFromEnv, type EnvSource } from './config';
import { peekAccountId, peekEventId } from './decode-event';
import { NotifierConfigError } from './errors';
import { loadProviders, type ProviderSetup } from './load-providers';
import { createPowertoolsLogger, createPowertoolsMetrics, logOutcome, type NotifierMetrics } from './observability';
import type { DeliveryLedger, NotifierLogger, QueueOps, RecipientDirectory } from './ports';
import { processRecord, type Outcome } from './process-record';
import type { SecretSource } from './provider-secrets';
import { mergeTemplates, missingTemplates, templatesFromChannels, type TemplateSet } from './templates';

export interface NotifierHandlerOptions {
  /** The notifier's name in the topology (`notify-sms`); it serves every channel whose declaration names it. */
  readonly notifier: string;
  /** Serve only these channels (tests); default: the topology's channels of `notifier`. */
  readonly channels?: readonly string[];
  /** The service's manifest (object or JSON text); env `NOTIFIER_MANIFEST` replaces the channels it names. */
  readonly manifest: unknown;
  /** Plugin modules by specifier, bundled with the service (its generated `plugins.generated.ts`). */
  readonly bundledPlugins?: Readonly<Record<string, unknown>>;
  /** Their config schemas compiled at build time, by specifier (the generated `configValidators`). */
  readonly configValidators?: Readonly<Record<string, ConfigValidator>>;
  /**
   * Compiles the config schema of a plugin that has no compiled validator (tests and local runs
   * with unbundled plugins: `compileConfigValidator` from `@bank/plugin-sdk/config-compiler`).
   */
  readonly compileConfig?: (plugin: ChannelPlugin<unknown>) => ConfigValidator;
  readonly clients?: { readonly dynamodb?: DynamoDBClient; readonly sqs?: SQSClient };
  /** Replace the AWS adapters (tests, other stores). */
  readonly ports?: { readonly recipients?: RecipientDirectory; readonly ledger?: DeliveryLedger; readonly queue?: QueueOps };
  /** Default: `buildTopology({ maxReceiveCount: MAX_RECEIVE_COUNT })`. */
  readonly topology?: Topology;
  /** Merged over the channel declarations' templates per (event type, channel); `null` switches one off. */
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

function servedChannels(topology: Topology, options: NotifierHandlerOptions): ChannelDef[] {
  const names = options.channels ?? topology.channels.filter((c) => c.notifier === options.notifier).map((c) => c.name);
  if (names.length === 0) throw new NotifierConfigError(`no channel of the topology names notifier ${options.notifier}`);
  return names.map((name) => {
    const channel = topology.channels.find((c) => c.name === name);
    if (!channel) throw new NotifierConfigError(`channel ${name} is not in the topology`);
    return channel;
  });
}

/**
 * Builds the SQS handler of a notifier function from the topology: it serves the channels whose
 * declarations name it, renders their declared templates and resolves addresses the way each
 * declaration says. Providers are loaded from the manifest on the first invocation and reused; a
 * failed load is retried on the next one. Only `retry` outcomes are reported as batch item
 * failures: permanent ones were dead-lettered and deleted already.
 *
 * @example
 * import manifest from '../manifest.json';
 * import { configValidators, plugins } from './plugins.generated';
 * const notify = createNotifierHandler({ notifier: 'notify-sms', manifest, bundledPlugins: plugins, configValidators });
 * export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => notify(event);
 */
export function createNotifierHandler(options: NotifierHandlerOptions): NotifierHandler {
  const env = options.env ?? process.env;
  const config = notifierConfigFromEnv(env);
  const topology = options.topology ?? buildTopology(config.maxReceiveCount ? { maxReceiveCount: config.maxReceiveCount } : {});
  const logger = options.logger ?? createPowertoolsLogger(options.notifier);
  const metrics = options.metrics === false ? undefined : (options.metrics ?? createPowertoolsMetrics(options.notifier));
  const now = options.now ?? (() => new Date());
  const served = servedChannels(topology, options);
  const channelByQueue = new Map(served.map((c) => [c.queueName, c]));

  // Loud at cold start, not a silent SKIPPED per message later.
  const templates = mergeTemplates(templatesFromChannels(served), options.templates);
  for (const missing of missingTemplates(served, templates)) {
    logger.error('channel subscribes to an event type it has no template for; those deliveries will be skipped', missing);
    metrics?.configProblem(missing.channel, 'missing-template');
  }

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

  const setup: ProviderSetup = {
    channels: served.map((c) => c.name),
    manifest: options.manifest,
    config,
    env,
    logger,
    ...(options.bundledPlugins ? { bundledPlugins: options.bundledPlugins } : {}),
    ...(options.configValidators ? { configValidators: options.configValidators } : {}),
    ...(options.compileConfig ? { compileConfig: options.compileConfig } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(metrics ? { metrics } : {}),
  };
  let registry: Promise<ChannelRegistry> | undefined;
  const providers = (): Promise<ChannelRegistry> => {
    registry ??= loadProviders(setup);
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

  /** One read of the batch's recipients per channel instead of one per record. */
  const prefetch = async (records: readonly SQSRecord[]): Promise<void> => {
    if (!recipients.prefetch) return;
    for (const channel of served) {
      const accountIds = records.filter((r) => channelOf(r) === channel).flatMap((r) => peekAccountId(r.body) ?? []);
      if (accountIds.length === 0) continue;
      await recipients.prefetch(accountIds, channel.address).catch((error: unknown) => {
        // Each record reads its own recipient instead.
        logger.warn('could not read the batch recipients at once', { channel: channel.name, error: error instanceof Error ? error.name : 'Error' });
      });
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
    await prefetch(event.Records);

    // The batch's claims, and its SENT records, reach the ledger together.
    const batch = new LedgerBatch(ledger);
    await runGrouped(
      event.Records,
      (record) => `${peekEventId(record.body) ?? `message:${record.messageId}`}#${channelOf(record)?.name ?? '?'}`,
      (record) =>
        batch.run(async () => {
          const channel = channelOf(record);
          if (!channel) {
            logger.error('record from a queue this notifier does not serve', { messageId: record.messageId, queue: record.eventSourceARN });
            failures.push(record.messageId);
            return;
          }
          const outcome: Outcome = await processRecord(record, {
            channel: channel.name,
            address: channel.address,
            retryPolicy: channel.retry,
            recipients,
            ledger: batch.ledger,
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
        }),
    );
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
