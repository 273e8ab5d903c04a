import { Aspects, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { buildTopology, IDENTITY, type Topology } from '@bank/topology';
import type { Construct } from 'constructs';
import { AccessControls } from './access-controls';
import { StackAlarms } from './alarms';
import { CallbackApi, callbackThrottleFor } from './callback-api';
import { tableFromDef } from './data-tables';
import { CustomerIdentity } from './customer-identity';
import { DELIVERY_STATUS_ENTRY, DeliveryStatus } from './delivery-status';
import { StackPropsError, TopologyConstraintError } from './errors';
import { BankEventBus } from './event-bus';
import { HoldExpiry } from './hold-expiry';
import { HttpApi, REST_API_ROUTES } from './http-api';
import { BankKeys } from './keys';
import { LogGroupPolicy } from './log-groups';
import { acknowledgeNagFindings } from './nag-suppressions';
import { NotificationChannels } from './notification-channels';
import { OutboxRelay } from './outbox-relay';
import { ProviderSecrets } from './provider-secrets';
import { type EntryResolver, resolveRepoEntry } from './repo-paths';
import { RiskDetection } from './risk-detection';
import { tableCapacityOf, type TableCapacity } from './table-capacity';
import { DEFAULT_ROUTE_THROTTLES, methodThrottling, type Throttle } from './route-throttling';
import { ApiFirewall, DEFAULT_RATE_PER_IP } from './waf';

/** Handler entry points of the account service, relative to the repository root. */
export const ACCOUNT_ENTRIES = {
  api: 'services/account/src/handlers/api.ts',
  relay: 'services/account/src/handlers/relay.ts',
  profileSync: 'services/account/src/handlers/profile-sync.ts',
} as const;

export interface BankStackProps extends StackProps {
  /** Default: `buildTopology()`, the same definition the local stack provisions from. */
  readonly topology?: Topology;
  /** Default: the real files (synth fails when one is missing); tests bundle stubs instead. */
  readonly resolveEntry?: EntryResolver;
  /** Stage-wide ceiling. */
  readonly throttle?: Throttle;
  /** Per-route limits of the REST API: money routes (deposit, withdraw, transfer) and the rest. */
  readonly routeThrottles?: { readonly money: Throttle; readonly other: Throttle };
  /** The providers' callbacks API as a whole (its one route). Default: what the money routes may cause at their limits ({@link callbackThrottleFor}). */
  readonly callbackThrottle?: Throttle;
  /** WAF rate-based rule: requests per client IP per window before WAF blocks that IP. */
  readonly ratePerIp?: { readonly limit: number; readonly windowSeconds: 60 | 120 | 300 | 600 };
  readonly limits?: { readonly maxTransactionAmount: string; readonly dailyWithdrawalLimit: string };
  /**
   * Only when a custom domain (with the same web ACL) or a CloudFront distribution (with its own)
   * fronts the REST API: then its default execute-api URL is turned off so nothing reaches the
   * stage around it. Default false: the execute-api URL is the API's address, behind the stage's
   * WAF. The providers' callbacks are on their own API and unaffected.
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /**
   * A custom domain name mapped, without a path, to the callbacks API (`https://hooks.example.com`):
   * what providers call back (`/webhooks/...`) and sign. The callbacks API's execute-api URL is then
   * turned off. Default: that execute-api URL.
   */
  readonly publicCallbacksUrl?: string;
  /**
   * Tables to run on provisioned capacity with auto scaling instead of on demand (the default),
   * for steady traffic: cheaper per request, throttled by bursts faster than scaling follows
   * (`ProvisionedCapacity`). `-c tableCapacity='<json>'` sets it at deploy.
   */
  readonly tableCapacity?: TableCapacity;
  /** At least a year (LogGroupPolicy raises anything shorter). */
  readonly logRetention?: RetentionDays;
  /** Directory of the API request schemas; default schemas/api. */
  readonly schemaDir?: string;
}

export const DEFAULT_THROTTLE = { rateLimit: 500, burstLimit: 1000 } as const;
/** Major units, the service's own defaults (services/account domain/limits.ts). */
export const DEFAULT_LIMITS = { maxTransactionAmount: '1000000', dailyWithdrawalLimit: '10000000' } as const;

/** The whole system on AWS, generated from the topology. */
export class BankStack extends Stack {
  readonly topology: Topology;

  constructor(scope: Construct, id: string, props: BankStackProps = {}) {
    super(scope, id, props);
    const topology = props.topology ?? buildTopology();
    this.topology = topology;
    const resolveEntry = props.resolveEntry ?? resolveRepoEntry;
    const logRetention = props.logRetention ?? RetentionDays.ONE_YEAR;
    const publicCallbacksUrl = publicCallbacksUrlOf(props);

    const keys = new BankKeys(this, 'Keys');
    Aspects.of(this).add(new LogGroupPolicy(keys.logs));
    const capacity = tableCapacityOf(props.tableCapacity);
    const accounts = tableFromDef(this, 'AccountsTable', topology.accountsTable, { encryptionKey: keys.data, capacity: capacity.accounts });
    const deliveries = tableFromDef(this, 'DeliveriesTable', topology.deliveriesTable, { encryptionKey: keys.data, capacity: capacity.deliveries });
    const riskWindows = tableFromDef(this, 'RiskWindowsTable', topology.riskTable, { encryptionKey: keys.data, capacity: capacity.riskWindows });
    const topic = new Topic(this, 'TransactionEvents', { topicName: topology.topicName, masterKey: keys.topics, enforceSSL: true });
    const events = new BankEventBus(this, 'Events', topology, { key: keys.queues });
    // By ARN: given the Key itself, CDK's Secret would let every principal of the account decrypt
    // through Secrets Manager; the secrets key policy lets only the notifiers (access-controls.ts).
    const secretsKey = Key.fromKeyArn(this, 'SecretsKeyRef', keys.secrets.keyArn);
    const secrets = new ProviderSecrets(this, 'ProviderSecrets', { topology, encryptionKey: secretsKey });
    const identity = new CustomerIdentity(this, 'Identity', {
      identity: IDENTITY,
      table: accounts,
      profileSyncEntry: resolveEntry(ACCOUNT_ENTRIES.profileSync),
      logRetention,
    });
    const routeThrottles = props.routeThrottles ?? DEFAULT_ROUTE_THROTTLES;
    const api = new HttpApi(this, 'Http', {
      pluginEnvironment: secrets.apiEnvironment,
      userPool: identity.userPool,
      userPoolClient: identity.client,
      entry: resolveEntry(ACCOUNT_ENTRIES.api),
      table: accounts,
      deliveries,
      logRetention,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      limits: props.limits ?? DEFAULT_LIMITS,
      methodOptions: methodThrottling(REST_API_ROUTES, routeThrottles),
      ...(props.disableExecuteApiEndpoint ? { disableExecuteApiEndpoint: true } : {}),
      ...(props.schemaDir ? { schemaDir: props.schemaDir } : {}),
    });
    new ApiFirewall(this, 'Firewall', { api: api.api, ratePerIp: props.ratePerIp ?? DEFAULT_RATE_PER_IP });
    const callbacks = new CallbackApi(this, 'Callbacks', {
      logRetention,
      throttle: props.callbackThrottle ?? callbackThrottleFor(REST_API_ROUTES, routeThrottles.money),
      // Behind a custom domain, the execute-api URL is a second address nobody should call.
      ...(publicCallbacksUrl ? { disableExecuteApiEndpoint: true } : {}),
    });
    const callbacksUrl = publicCallbacksUrl ?? callbacks.url;
    const deliveryStatus = new DeliveryStatus(this, 'DeliveryStatus', {
      topology,
      entry: resolveEntry(DELIVERY_STATUS_ENTRY),
      deliveries,
      accounts,
      userPool: identity.userPool,
      callbacksUrl,
      secrets: secrets.byProvider,
      logRetention,
    });
    callbacks.serve(deliveryStatus.fn);
    const relay = new OutboxRelay(this, 'Outbox', {
      entry: resolveEntry(ACCOUNT_ENTRIES.relay),
      table: accounts,
      topic,
      bus: events.bus,
      logRetention,
      failuresKey: keys.queues,
    });
    const channels = new NotificationChannels(this, 'Channels', {
      topology,
      topic,
      accounts,
      deliveries,
      secrets: secrets.byProvider,
      resolveEntry,
      logRetention,
      queueKey: keys.queues,
      callbacksUrl,
    });
    const riskQueues = events.ruleQueues.find((r) => r.name === topology.riskDetector.rule);
    if (!riskQueues) throw new TopologyConstraintError(`${topology.riskDetector.name} reads rule ${topology.riskDetector.rule}, which the topology does not define`);
    const risk = new RiskDetection(this, 'Risk', {
      def: topology.riskDetector,
      queues: riskQueues.pair,
      accounts,
      windows: riskWindows,
      entry: resolveEntry(topology.riskDetector.entry),
      logRetention,
    });
    // The account service writes the sweep with the rest of #11; until its file exists, synth leaves it out.
    const holdExpiry = new HoldExpiry(this, 'HoldExpiry', { def: topology.holdExpiry, accounts, entry: resolveEntry(topology.holdExpiry.entry), logRetention });
    const access = new AccessControls(this, 'Access', { topology, keys, accounts, deliveries, riskWindows, topic, api, relay, channels, events, identity, risk, holdExpiry, deliveryStatus });

    const alarms = new StackAlarms(this, 'Alarms', { maxIteratorAge: Duration.minutes(1), topicKey: keys.topics });
    for (const { channel, pair } of channels.channels) alarms.deadLetters(`${channel.name}Dlq`, pair.dlq);
    for (const { name, pair } of events.ruleQueues) alarms.deadLetters(`${name}Dlq`, pair.dlq);
    alarms.deadLetters('RelayFailures', relay.failures);
    alarms.functionHealth('AccountApi', api.fn.function);
    alarms.functionHealth('Relay', relay.fn.function);
    alarms.functionHealth('ProfileSync', identity.profileSync.function);
    alarms.functionHealth('DeliveryStatus', deliveryStatus.fn.function);
    alarms.functionHealth('RiskDetection', risk.fn.function);
    alarms.functionHealth('HoldExpiry', holdExpiry.fn.function);
    for (const { def, fn } of channels.notifiers) alarms.functionHealth(def.name, fn.function);
    alarms.apiServerErrors('Api5xx', api.api, 'API answered 5xx');
    alarms.apiServerErrors('Callbacks5xx', callbacks.api, 'Callbacks API answered 5xx (providers retry; Twilio gives up soon)');
    alarms.streamIteratorAge('RelayIteratorAge', relay.fn.function);

    // The names stack-outputs.json carries for tools and clients (the local stack writes the same).
    new CfnOutput(this, 'ApiUrl', { value: api.api.url, description: 'Base URL of the API (stage v1)' });
    new CfnOutput(this, 'CallbacksUrl', { value: callbacksUrl, description: "Base URL of the providers' status callbacks (<it>/webhooks/<provider>)" });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId, description: 'Cognito user pool of customers and operators' });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.client.userPoolClientId, description: 'App client for USER_PASSWORD_AUTH / SRP sign-in' });
    new CfnOutput(this, 'Region', { value: this.region });
    new CfnOutput(this, 'TopicArn', { value: topic.topicArn });
    new CfnOutput(this, 'EventBusName', { value: events.bus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn, description: 'Subscribe operators here' });
    new CfnOutput(this, 'OperatorRoleArn', { value: access.operator.role.roleArn, description: 'Assume for bankctl dlq / events replay' });
    for (const { channel, pair } of channels.channels) {
      new CfnOutput(this, `${channel.name}QueueUrl`, { value: pair.queue.queueUrl });
      new CfnOutput(this, `${channel.name}DlqUrl`, { value: pair.dlq.queueUrl });
    }
    for (const { name, pair } of events.ruleQueues) new CfnOutput(this, `${name}QueueUrl`, { value: pair.queue.queueUrl });
    for (const [provider, secret] of Object.entries(secrets.byProvider)) new CfnOutput(this, `${provider}SecretArn`, { value: secret.secretArn });

    acknowledgeNagFindings(this);
  }
}

/**
 * The custom address of the callbacks, if any: plain https, and the root of its domain, because
 * the function checks each signature over this address plus the request path API Gateway gives
 * it, which would include an API mapping's path.
 */
function publicCallbacksUrlOf(props: BankStackProps): string | undefined {
  if (props.publicCallbacksUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(props.publicCallbacksUrl);
  } catch {
    throw new StackPropsError(`publicCallbacksUrl is not a URL: ${props.publicCallbacksUrl}`);
  }
  if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password) {
    throw new StackPropsError(`publicCallbacksUrl must be an https address without query, fragment or credentials: ${props.publicCallbacksUrl}`);
  }
  if (url.pathname !== '/') {
    throw new StackPropsError(`publicCallbacksUrl must be a domain's root (map the callbacks API without a path): ${props.publicCallbacksUrl}`);
  }
  return url.origin;
}
