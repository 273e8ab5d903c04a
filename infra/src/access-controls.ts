import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Topology } from '@bank/topology';
import { Construct } from 'constructs';
import type { CustomerIdentity } from './customer-identity';
import type { DeliveryStatus } from './delivery-status';
import type { BankEventBus } from './event-bus';
import type { HoldExpiry } from './hold-expiry';
import type { HttpApi } from './http-api';
import { type BankKeys, allowKeyUse } from './keys';
import { allowDeletesUnder, API_DELETABLE_PREFIXES } from './ledger-access';
import type { NotificationChannels } from './notification-channels';
import { OperatorRole } from './operator-role';
import type { OutboxRelay } from './outbox-relay';
import { restrictSenders } from './queue-policies';
import type { RiskDetection } from './risk-detection';

export interface AccessControlsProps {
  readonly topology: Topology;
  readonly keys: BankKeys;
  readonly accounts: ITable;
  readonly deliveries: ITable;
  readonly riskWindows: ITable;
  readonly topic: ITopic;
  readonly api: HttpApi;
  readonly relay: OutboxRelay;
  readonly channels: NotificationChannels;
  readonly events: BankEventBus;
  readonly identity: CustomerIdentity;
  readonly risk: RiskDetection;
  /** Absent until the account service's sweep exists. */
  readonly holdExpiry: HoldExpiry;
  readonly deliveryStatus: DeliveryStatus;
}

/**
 * Who may do what beyond each function's own role statements: the use of each key (per role,
 * per service), the API's delete right limited to hold listing entries (idempotency answers expire by TTL), the operator role, and
 * the queues' sender lists: a channel queue takes the events topic and the operator, a rule
 * queue its rule and the operator; a DLQ, the function that dead-letters into it (and, for a rule
 * DLQ, the rule's undeliverable events) and the operator.
 */
export class AccessControls extends Construct {
  readonly operator: OperatorRole;

  constructor(scope: Construct, id: string, props: AccessControlsProps) {
    super(scope, id);
    const { keys, api, relay, channels, events } = props;

    allowDeletesUnder(api.fn, props.accounts, API_DELETABLE_PREFIXES);

    this.operator = new OperatorRole(this, 'Operator', {
      pairs: [...channels.channels.map((c) => c.pair), ...events.ruleQueues.map((r) => r.pair)],
      otherDlqs: [relay.failures],
      deliveries: props.deliveries,
      busName: props.topology.bus.name,
      archiveName: props.topology.bus.archiveName,
      ruleNames: props.topology.rules.map((r) => r.name),
    });
    const operator = this.operator.role;

    for (const { channel, pair } of channels.channels) {
      const notifier = channels.notifiers.find((n) => n.def.name === channel.notifier);
      restrictSenders(pair.queue, { sourceArns: [props.topic.topicArn], roles: [operator] });
      restrictSenders(pair.dlq, { roles: [...(notifier ? [notifier.fn.role] : []), operator] });
    }
    for (const { name, pair, rule } of events.ruleQueues) {
      const consumer = props.risk.def.rule === name ? props.risk.fn : undefined;
      restrictSenders(pair.queue, { sourceArns: [rule.ruleArn], roles: [operator] });
      restrictSenders(pair.dlq, { sourceArns: [rule.ruleArn], roles: [...(consumer ? [consumer.role] : []), operator] });
    }

    allowKeyUse(keys.data, api.fn, { service: 'dynamodb', access: 'encryptDecrypt' });
    allowKeyUse(keys.data, props.identity.profileSync, { service: 'dynamodb', access: 'encryptDecrypt' });
    // Stream reads: DynamoDB Streams' kms:ViaService value is not documented, so no service condition.
    allowKeyUse(keys.data, relay.fn, { access: 'decrypt' });
    allowKeyUse(keys.topics, relay.fn, { service: 'sns', access: 'encryptDecrypt' });
    allowKeyUse(keys.queues, relay.fn, { service: 'sqs', access: 'encryptDecrypt' });
    for (const { fn } of channels.notifiers) {
      allowKeyUse(keys.data, fn, { service: 'dynamodb', access: 'encryptDecrypt' });
      allowKeyUse(keys.queues, fn, { service: 'sqs', access: 'encryptDecrypt' });
      allowKeyUse(keys.secrets, fn, { service: 'secretsmanager', access: 'decrypt' });
    }
    // Status callbacks: delivery records and the accounts (disableChannel), the callbacks' secrets.
    allowKeyUse(keys.data, props.deliveryStatus.fn, { service: 'dynamodb', access: 'encryptDecrypt' });
    allowKeyUse(keys.secrets, props.deliveryStatus.fn, { service: 'secretsmanager', access: 'decrypt' });
    allowKeyUse(keys.data, props.risk.fn, { service: 'dynamodb', access: 'encryptDecrypt' });
    allowKeyUse(keys.queues, props.risk.fn, { service: 'sqs', access: 'encryptDecrypt' });
    allowKeyUse(keys.data, props.holdExpiry.fn, { service: 'dynamodb', access: 'encryptDecrypt' });
    allowKeyUse(keys.queues, operator, { service: 'sqs', access: 'encryptDecrypt' });
    allowKeyUse(keys.data, operator, { service: 'dynamodb', access: 'decrypt' });
  }
}
