import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ScheduledFunctionDef } from '@bank/topology';
import { Construct } from 'constructs';
import { BankFunction } from './bank-function';
import { TopologyConstraintError } from './errors';
import { allowDeletesUnder, HOLD_INDEX_PARTITION_PREFIX } from './ledger-access';

/**
 * What the sweep does to the accounts table: find due holds, decline each in one conditioned
 * transaction (the same item actions as the API's hold routes); DeleteItem only on hold listing
 * entries (the decision moves the hold's entry out of `HOLDS#PENDING`).
 */
export const HOLD_EXPIRY_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'] as const;

export interface HoldExpiryProps {
  readonly def: ScheduledFunctionDef;
  readonly accounts: ITable;
  /** Absolute path of the handler entry. */
  readonly entry: string;
  readonly logRetention: RetentionDays;
}

/**
 * The account service's hold-expiry sweep on a schedule (an EventBridge rule on the default bus).
 * A run that fails is not retried: the next one, a minute later, finds the same due holds, and a
 * hold is decided once whatever the overlap (conditioned on `status = PENDING`).
 */
export class HoldExpiry extends Construct {
  readonly fn: BankFunction;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: HoldExpiryProps) {
    super(scope, id);
    const { def } = props;
    if (def.timeoutSeconds > def.everyMinutes * 60) {
      throw new TopologyConstraintError(`${def.name}: a run (timeout ${def.timeoutSeconds} s) must end before the next one starts (every ${def.everyMinutes} min)`);
    }
    this.fn = new BankFunction(this, 'Sweep', {
      entry: props.entry,
      description: `Hold expiry (${def.name}): declines review holds left undecided past holdExpiryMinutes`,
      timeout: Duration.seconds(def.timeoutSeconds),
      memorySize: 256,
      logRetention: props.logRetention,
      environment: { ACCOUNTS_TABLE: props.accounts.tableName, POWERTOOLS_SERVICE_NAME: def.name },
    });
    this.fn.allow(HOLD_EXPIRY_TABLE_ACTIONS, [props.accounts.tableArn]);
    allowDeletesUnder(this.fn, props.accounts, [HOLD_INDEX_PARTITION_PREFIX]);
    this.schedule = new Rule(this, 'Schedule', {
      description: `Runs ${def.name} every ${def.everyMinutes} min`,
      schedule: Schedule.rate(Duration.minutes(def.everyMinutes)),
      targets: [new LambdaFunction(this.fn.function, { retryAttempts: 0, maxEventAge: Duration.minutes(def.everyMinutes) })],
    });
  }
}
