import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { secretArnVariable } from '@bank/plugin-sdk';
import type { Topology } from '@bank/topology';
import { Construct } from 'constructs';
import { BankFunction } from './bank-function';
import { TopologyConstraintError } from './errors';
import { callbackSecrets, type NotifierPlugins } from './provider-secrets';

export const DELIVERY_STATUS_ENTRY = 'services/delivery-status/src/handler.ts';

/**
 * What `disableChannel` does to the accounts table: list the customer's accounts (Query), read
 * them (BatchGetItem), turn the channel off on each and record why in one TransactWriteItems
 * (UpdateItem, PutItem). Nothing else of the table.
 */
export const DISABLE_CHANNEL_ACTIONS = ['dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'] as const;

export interface DeliveryStatusProps {
  readonly topology: Topology;
  readonly entry: string;
  readonly deliveries: ITable;
  readonly accounts: ITable;
  readonly userPool: IUserPool;
  /** Where providers call back: the callbacks API's public base URL (the function checks signatures over it). */
  readonly callbacksUrl: string;
  /** The provider secrets by name; the function gets the ones the plugins' callbacks declare. */
  readonly secrets: Readonly<Record<string, ISecret>>;
  readonly plugins?: NotifierPlugins;
  readonly logRetention: RetentionDays;
}

/**
 * The providers' status callbacks (`POST /webhooks/{provider}`): bundled with the plugins the
 * notifiers bundle that declare callbacks (its generated plugin map), reading only their declared
 * secrets; delivery records read and updated; the accounts table only as `disableChannel` needs.
 */
export class DeliveryStatus extends Construct {
  readonly fn: BankFunction;

  constructor(scope: Construct, id: string, props: DeliveryStatusProps) {
    super(scope, id);
    const secrets = callbackSecrets(props.topology, props.plugins).map(({ name }) => {
      const secret = props.secrets[name];
      if (!secret) throw new TopologyConstraintError(`status callbacks need secret ${name}, which the stack does not create`);
      return { name, secret };
    });
    this.fn = new BankFunction(this, 'Function', {
      entry: props.entry,
      description: "Providers' delivery status callbacks",
      timeout: Duration.seconds(10),
      memorySize: 256,
      logRetention: props.logRetention,
      environment: {
        PUBLIC_API_URL: props.callbacksUrl,
        DELIVERIES_TABLE: props.deliveries.tableName,
        ACCOUNTS_TABLE: props.accounts.tableName,
        USER_POOL_ID: props.userPool.userPoolId,
        POWERTOOLS_SERVICE_NAME: 'delivery-status',
        ...Object.fromEntries(secrets.map(({ name, secret }) => [secretArnVariable(name), secret.secretArn])),
      },
    });
    // A report reads the lookup and the delivery, then writes the delivery: a put of the record it
    // read (conditioned on SENT), or an update when it has no such record.
    this.fn.allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [props.deliveries.tableArn]);
    this.fn.allow(DISABLE_CHANNEL_ACTIONS, [props.accounts.tableArn]);
    for (const { secret } of secrets) this.fn.allow(['secretsmanager:GetSecretValue'], [secret.secretArn]);
  }
}
