import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CognitoIdentityProviderClient, UsernameExistsException } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startSandbox, type Sandbox } from '@bank/sandbox';
import { startMoto, type MotoServer } from '@bank/testing';
import { createUser, generatePassword, renderStackOutputs, signIn, STACK_OUTPUTS_FILE, type NewUser, type StackOutputs } from '@bank/bankctl';
import { API_ROUTES, buildTopology, IDENTITY, type Topology } from '@bank/topology';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createGateway, type ApiHandler } from './gateway';
import { traceEnabled, traceQueueHandler, traceStreamHandler } from './hop-trace';
import { startHttpServer } from './http-server';
import { provisionIdentity } from './identity';
import type { PollerLog } from './poller';
import { provision, type ProvisionedResources } from './provision';
import { sandboxProviderEnv } from './provider-env';
import { startRiskServices } from './risk-services';
import { startSqsPoller, type SqsPoller } from './sqs-poller';
import { startStreamPoller } from './stream-poller';
import { createTokenVerifier } from './token-verifier';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const REGION = 'us-east-1';
/** Concurrent batches Lambda's SQS event source starts with (it scales up from there under load). */
const LAMBDA_SQS_INITIAL_POLLERS = 5;

export interface LocalStackOptions {
  /** API port (0 = any free port). Default: PORT or 3000. */
  readonly port?: number;
  /** Provider sandbox HTTP port (0 = any). Default: SANDBOX_PORT or 4010. */
  readonly sandboxPort?: number;
  readonly smtpPort?: number;
  /** Use this emulator instead of starting moto. Default: AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** Create the demo customer and operator and open account 123456789 with $4000 (the brief's starting point). */
  readonly seedDemo?: boolean;
  readonly maxReceiveCount?: number;
  /** Write stack-outputs.json at the repository root (bankctl, bench and clients read it). */
  readonly writeStackFile?: boolean;
  readonly log?: PollerLog;
  /** Visibility timeout of the channel queues; tests shorten it so that an abandoned batch comes back quickly. */
  readonly visibilityTimeoutSeconds?: number;
  /** Extra environment for the handlers (e.g. a provider's timeout), set before they are loaded. */
  readonly env?: Readonly<Record<string, string>>;
  /** Wraps the outbox relay handler, e.g. to inject a publish outage in tests. */
  readonly wrapRelay?: (relay: StreamHandler) => StreamHandler;
}

/** A person signed in to the local user pool. */
export interface SignedInUser {
  readonly sub: string;
  readonly email: string;
  readonly password: string;
  readonly accessToken: string;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly sandboxUrl: string;
  readonly smtpPort: number;
  readonly endpoint: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly topology: Topology;
  readonly resources: ProvisionedResources;
  /** The outputs as `stack-outputs.json` holds them. */
  readonly outputs: StackOutputs;
  /** The demo customer and operator (when `seedDemo`). */
  readonly demo: { readonly customer: SignedInUser; readonly operator: SignedInUser } | undefined;
  /** Creates a user in the pool (verified contacts, as `bankctl users create`) and signs them in. */
  createUser(user: NewUser): Promise<SignedInUser>;
  /** Stops the notifier poller of a channel; the receive and batch in flight finish first (a deploy, not a crash). */
  pauseChannel(channel: string): Promise<void>;
  /** Starts the channel's poller again (after `pauseChannel`). */
  resumeChannel(channel: string): void;
  stop(): Promise<void>;
}

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

/** The brief's demo: a customer with verified email and phone who owns account 123456789, and an operator. */
export const DEMO = {
  customer: { email: 'demo@example.com', phone: '+15555550100', name: 'Demo Customer', password: 'Demo-Customer-2026' },
  operator: { email: 'operator@example.com', name: 'Demo Operator', password: 'Demo-Operator-2026', operator: true },
  account: { accountId: '123456789', notifications: { email: true, sms: true }, initialDeposit: 4000 },
} as const;

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
    const built = buildTopology(options.maxReceiveCount ? { maxReceiveCount: options.maxReceiveCount } : {});
    const visibility = options.visibilityTimeoutSeconds;
    const topology: Topology =
      visibility === undefined ? built : { ...built, channels: built.channels.map((c) => ({ ...c, visibilityTimeoutSeconds: visibility })) };
    const sqs = new SQSClient(config);
    const cognito = new CognitoIdentityProviderClient(config);
    const identity = await provisionIdentity(cognito, IDENTITY);
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
      RISK_TABLE: resources.riskTable,
      TOPIC_ARN: resources.topicArn,
      EVENT_BUS_NAME: resources.busName,
      MAX_RECEIVE_COUNT: String(topology.channels[0]?.retry.maxReceiveCount ?? 5),
      // A policy change applies at once on a laptop (in AWS within the 30 s cache).
      RISK_POLICY_MAX_AGE_SECONDS: '0',
      USER_POOL_ID: identity.userPoolId,
      USER_POOL_CLIENT_ID: identity.clientId,
      ...sandboxProviderEnv(topology, REPO_ROOT, sandbox.settings),
      // The sandbox's push service is one the account API accepts subscriptions on, besides the browsers'.
      PUSH_SERVICE_HOSTS: new URL(sandbox.pushUrl).host,
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'WARN',
      ...options.env,
    });

    const api = await loadHandler<ApiHandler>('services/account/src/handlers/api.ts');
    const deliveryStatus = await loadHandler<ApiHandler>('services/delivery-status/src/handler.ts');
    const loadedRelay = await loadHandler<StreamHandler>('services/account/src/handlers/relay.ts');
    const trace = traceEnabled();
    const relay = trace ? traceStreamHandler(loadedRelay) : loadedRelay;
    const relayPoller = startStreamPoller({
      client: new DynamoDBStreamsClient(config),
      streamArn: resources.streamArn,
      handler: options.wrapRelay ? options.wrapRelay(relay) : relay,
      log,
    });
    const channelPollers = new Map<string, SqsPoller>();
    cleanups.push(() => Promise.all([relayPoller, ...channelPollers.values()].map((p) => p.stop())));
    const notifierHandlers = new Map<string, QueueHandler>();
    for (const notifier of topology.notifiers) {
      const handler = await loadHandler<QueueHandler>(notifier.entry);
      notifierHandlers.set(notifier.name, trace ? traceQueueHandler(handler) : handler);
    }
    const startChannel = (name: string): void => {
      const channel = topology.channels.find((c) => c.name === name);
      const queue = resources.channels[name];
      const handler = channel && notifierHandlers.get(channel.notifier);
      if (!channel || !queue || !handler) throw new Error(`no notifier serves channel ${name}`);
      if (channelPollers.has(name)) return;
      // Lambda's SQS event source starts with five concurrent batches, never more than the function's maximum concurrency.
      const concurrency = Math.min(LAMBDA_SQS_INITIAL_POLLERS, channel.maxConcurrency);
      channelPollers.set(name, startSqsPoller({ client: sqs, queueUrl: queue.url, queueArn: queue.arn, region, handler, log, batchSize: channel.batchSize, concurrency }));
    };
    for (const channel of topology.channels) {
      if (resources.channels[channel.name] && notifierHandlers.has(channel.notifier)) startChannel(channel.name);
    }
    const risk = await startRiskServices({ topology, sqs, region, ruleQueues: resources.ruleQueues, load: loadHandler, log });
    cleanups.push(() => risk.stop());
    const pauseChannel = async (name: string): Promise<void> => {
      const poller = channelPollers.get(name);
      channelPollers.delete(name);
      await poller?.drain();
    };

    const verify = await createTokenVerifier({ endpoint, region, userPoolId: identity.userPoolId, clientId: identity.clientId, scope: IDENTITY.accessTokenScope });
    const gateway = createGateway({ routes: API_ROUTES, services: { 'account-api': api, 'delivery-status': deliveryStatus }, verify });
    const { server, url: apiUrl } = await startHttpServer(gateway, options.port ?? Number(process.env.PORT ?? 3000));
    // Providers call back to the API: Twilio at the StatusCallback the plugins ask for, the sandbox's SendGrid at its webhook.
    process.env.PUBLIC_API_URL = apiUrl;
    sandbox.setPublicApiUrl(apiUrl);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );

    const newUser = async (user: NewUser): Promise<SignedInUser> => {
      const password = user.password ?? generatePassword();
      let sub: string;
      try {
        sub = (await createUser(cognito, identity.userPoolId, { ...user, password })).sub;
      } catch (err) {
        // A long-running emulator (AWS_ENDPOINT_URL) keeps the demo users between starts.
        if (!(err instanceof UsernameExistsException) || user.password === undefined) throw err;
        sub = '';
      }
      const { accessToken } = await signIn(cognito, identity.clientId, user.email, password);
      return { sub: sub || subOf(accessToken), email: user.email, password, accessToken };
    };
    const demo = options.seedDemo ?? true ? await seedDemo(apiUrl, newUser) : undefined;
    const outputs: StackOutputs = {
      ApiUrl: apiUrl,
      UserPoolId: identity.userPoolId,
      UserPoolClientId: identity.clientId,
      Region: region,
      AwsEndpointUrl: endpoint,
      SandboxUrl: sandbox.url,
      TopicArn: resources.topicArn,
      EventBusName: resources.busName,
    };
    if (options.writeStackFile ?? true) writeFileSync(path.join(REPO_ROOT, STACK_OUTPUTS_FILE), renderStackOutputs(outputs));
    return {
      apiUrl,
      sandboxUrl: sandbox.url,
      smtpPort: sandbox.smtpPort,
      endpoint,
      region,
      userPoolId: identity.userPoolId,
      clientId: identity.clientId,
      topology,
      resources,
      outputs,
      demo,
      createUser: newUser,
      pauseChannel,
      resumeChannel: startChannel,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The `sub` claim of an access token (the gateway verified it; this only reads it). */
function subOf(accessToken: string): string {
  const payload: unknown = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
  return typeof payload === 'object' && payload !== null && 'sub' in payload && typeof payload.sub === 'string' ? payload.sub : '';
}

/** The demo customer and operator, and the customer's account 123456789 opened by the operator. */
async function seedDemo(apiUrl: string, newUser: (user: NewUser) => Promise<SignedInUser>): Promise<{ customer: SignedInUser; operator: SignedInUser }> {
  const customer = await newUser(DEMO.customer);
  const operator = await newUser(DEMO.operator);
  const res = await fetch(`${apiUrl}/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${operator.accessToken}` },
    body: JSON.stringify({ ...DEMO.account, ownerId: customer.sub }),
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`could not open the demo account: HTTP ${res.status} ${await res.text()}`);
  return { customer, operator };
}
