import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startSandbox, type Sandbox } from '@bank/sandbox';
import { startMoto, type MotoServer } from '@bank/testing';
import { buildTopology, type Topology } from '@bank/topology';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, DynamoDBBatchResponse, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startHttpServer } from './http-server';
import type { PollerLog } from './poller';
import { provision, type ProvisionedResources } from './provision';
import { sandboxProviderEnv } from './provider-env';
import { startSqsPoller, type SqsPoller } from './sqs-poller';
import { startStreamPoller } from './stream-poller';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const REGION = 'us-east-1';

export interface LocalStackOptions {
  /** API port (0 = any free port). Default: PORT or 3000. */
  readonly port?: number;
  /** Provider sandbox HTTP port (0 = any). Default: SANDBOX_PORT or 4010. */
  readonly sandboxPort?: number;
  readonly smtpPort?: number;
  /** Use this emulator instead of starting moto. Default: AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** Open the demo account 123456789 with $4000 (the brief's starting point). */
  readonly seedDemo?: boolean;
  readonly maxReceiveCount?: number;
  /** Write .local/stack.json for bankctl. */
  readonly writeStackFile?: boolean;
  readonly log?: PollerLog;
  /** Visibility timeout of the channel queues; tests shorten it so that an abandoned batch comes back quickly. */
  readonly visibilityTimeoutSeconds?: number;
  /** Extra environment for the handlers (e.g. a provider's timeout), set before they are loaded. */
  readonly env?: Readonly<Record<string, string>>;
  /** Wraps the outbox relay handler, e.g. to inject a publish outage in tests. */
  readonly wrapRelay?: (relay: StreamHandler) => StreamHandler;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly sandboxUrl: string;
  readonly smtpPort: number;
  readonly endpoint: string;
  readonly topology: Topology;
  readonly resources: ProvisionedResources;
  /** Stops the notifier poller of a channel; the receive and batch in flight finish first (a deploy, not a crash). */
  pauseChannel(channel: string): Promise<void>;
  /** Starts the channel's poller again (after `pauseChannel`). */
  resumeChannel(channel: string): void;
  stop(): Promise<void>;
}

type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
export type QueueHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

interface HandlerModule<H> {
  handler: H;
}

/** Loads a deployable's handler module the way Lambda would: by file, after its environment is set. */
async function loadHandler<H>(entry: string): Promise<H> {
  const mod = (await import(path.join(REPO_ROOT, entry))) as HandlerModule<H>;
  return mod.handler;
}

const consoleLog: PollerLog = {
  info: (message, extra) => console.log(JSON.stringify({ level: 'INFO', message, ...extra })),
  warn: (message, extra) => console.warn(JSON.stringify({ level: 'WARN', message, ...extra })),
};

const DEMO_ACCOUNT = {
  accountId: '123456789',
  owner: { name: 'Demo Customer', email: 'demo@example.com', phone: '+15555550100' },
  notifications: { email: true, sms: true, whatsapp: false },
  initialDeposit: 4000,
};

/**
 * The whole system on one machine: moto, the provisioned topology, the provider sandbox, the API
 * over HTTP, the stream relay and the notifiers with Lambda event-source semantics. The handlers
 * are the deployables' own; only AWS_ENDPOINT_URL and the providers' base URLs differ from AWS.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? consoleLog;
  const cleanups: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const external = options.endpoint ?? process.env.AWS_ENDPOINT_URL;
    let moto: MotoServer | undefined;
    if (!external) {
      moto = await startMoto();
      const started = moto;
      cleanups.push(() => started.stop());
    }
    const endpoint = external ?? moto?.endpoint ?? '';
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: process.env.AWS_REGION ?? REGION,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    });
    const region = process.env.AWS_REGION ?? REGION;
    const config = { endpoint, region };
    const built = buildTopology({
      ...(options.maxReceiveCount ? { maxReceiveCount: options.maxReceiveCount } : {}),
      ...(process.env.LARGE_WITHDRAWAL_MINOR ? { largeWithdrawalMinor: Number(process.env.LARGE_WITHDRAWAL_MINOR) } : {}),
    });
    const visibility = options.visibilityTimeoutSeconds;
    const topology: Topology =
      visibility === undefined ? built : { ...built, channels: built.channels.map((c) => ({ ...c, visibilityTimeoutSeconds: visibility })) };
    const sqs = new SQSClient(config);
    const resources = await provision(
      { dynamodb: new DynamoDBClient(config), sqs, sns: new SNSClient(config), eventBridge: new EventBridgeClient(config) },
      topology,
    );

    const sandbox: Sandbox = await startSandbox({
      port: options.sandboxPort ?? Number(process.env.SANDBOX_PORT ?? 4010),
      smtpPort: options.smtpPort ?? Number(process.env.SANDBOX_SMTP_PORT ?? 2525),
    });
    cleanups.push(() => sandbox.stop());

    Object.assign(process.env, {
      ACCOUNTS_TABLE: resources.accountsTable,
      DELIVERIES_TABLE: resources.deliveriesTable,
      TOPIC_ARN: resources.topicArn,
      EVENT_BUS_NAME: resources.busName,
      MAX_RECEIVE_COUNT: String(topology.channels[0]?.retry.maxReceiveCount ?? 5),
      ...sandboxProviderEnv(topology, REPO_ROOT, sandbox.settings),
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'WARN',
      ...options.env,
    });

    const api = await loadHandler<ApiHandler>('services/account/src/handlers/api.ts');
    const relay = await loadHandler<StreamHandler>('services/account/src/handlers/relay.ts');
    const relayPoller = startStreamPoller({
      client: new DynamoDBStreamsClient(config),
      streamArn: resources.streamArn,
      handler: options.wrapRelay ? options.wrapRelay(relay) : relay,
      log,
    });
    const channelPollers = new Map<string, SqsPoller>();
    cleanups.push(() => Promise.all([relayPoller, ...channelPollers.values()].map((p) => p.stop())));
    const notifierHandlers = new Map<string, QueueHandler>();
    for (const notifier of topology.notifiers) notifierHandlers.set(notifier.name, await loadHandler<QueueHandler>(notifier.entry));
    const startChannel = (name: string): void => {
      const channel = topology.channels.find((c) => c.name === name);
      const queue = resources.channels[name];
      const handler = channel && notifierHandlers.get(channel.notifier);
      if (!channel || !queue || !handler) throw new Error(`no notifier serves channel ${name}`);
      if (channelPollers.has(name)) return;
      channelPollers.set(
        name,
        startSqsPoller({ client: sqs, queueUrl: queue.url, queueArn: queue.arn, region, handler, log, batchSize: channel.batchSize, concurrency: 2 }),
      );
    };
    for (const channel of topology.channels) {
      if (resources.channels[channel.name] && notifierHandlers.has(channel.notifier)) startChannel(channel.name);
    }
    const pauseChannel = async (name: string): Promise<void> => {
      const poller = channelPollers.get(name);
      channelPollers.delete(name);
      await poller?.drain();
    };

    const { server, url: apiUrl } = await startHttpServer(api, options.port ?? Number(process.env.PORT ?? 3000));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );

    if (options.seedDemo ?? true) await seedDemoAccount(apiUrl);
    if (options.writeStackFile ?? true) {
      const dir = path.join(REPO_ROOT, '.local');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'stack.json'), JSON.stringify({ endpoint, region, apiUrl, sandboxUrl: sandbox.url }, null, 2));
    }
    return {
      apiUrl,
      sandboxUrl: sandbox.url,
      smtpPort: sandbox.smtpPort,
      endpoint,
      topology,
      resources,
      pauseChannel,
      resumeChannel: startChannel,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function seedDemoAccount(apiUrl: string): Promise<void> {
  const res = await fetch(`${apiUrl}/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(DEMO_ACCOUNT),
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`could not open the demo account: HTTP ${res.status}`);
}
