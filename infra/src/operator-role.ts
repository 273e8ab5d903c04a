import { Arn, ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { AccountPrincipal, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** What bankctl does to a dead-letter queue: list, show, purge, and move messages back. */
export const OPERATOR_DLQ_ACTIONS = [
  'sqs:GetQueueUrl',
  'sqs:GetQueueAttributes',
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
  'sqs:StartMessageMoveTask',
  'sqs:ListMessageMoveTasks',
  'sqs:CancelMessageMoveTask',
] as const;

/** Replaying a message puts it back on its work queue. */
export const OPERATOR_REPLAY_ACTIONS = ['sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:SendMessage'] as const;

export interface OperatorRoleProps {
  /** Work queue → its dead-letter queue, for every pair bankctl may replay. */
  readonly pairs: ReadonlyArray<{ readonly queue: IQueue; readonly dlq: IQueue }>;
  /** Dead-letter queues without a work queue of their own (the relay's failures). */
  readonly otherDlqs: readonly IQueue[];
  /** bankctl shows delivery records next to dead letters. */
  readonly deliveries: ITable;
  readonly busName: string;
  readonly archiveName: string;
  /** Rules of the bus (bankctl reads a rule to replay only what it matches). */
  readonly ruleNames: readonly string[];
}

/**
 * The role people assume to run `bankctl dlq …` and `bankctl events replay` against AWS: dead
 * letters and their replay, event archive replays, delivery records read-only. It is one of the
 * two senders the channel queues accept (the events topic is the other). Assumable by principals
 * of this account that IAM allows `sts:AssumeRole` on it; sessions last at most an hour.
 */
export class OperatorRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: OperatorRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new Role(this, 'Role', {
      assumedBy: new AccountPrincipal(stack.account),
      description: 'Operators: bankctl dlq and events replay',
      maxSessionDuration: Duration.hours(1),
    });
    const dlqs = [...props.pairs.map((p) => p.dlq), ...props.otherDlqs];
    this.allow(OPERATOR_DLQ_ACTIONS, dlqs.map((q) => q.queueArn));
    this.allow(OPERATOR_REPLAY_ACTIONS, props.pairs.map((p) => p.queue.queueArn));
    this.allow(['dynamodb:BatchGetItem', 'dynamodb:GetItem'], [props.deliveries.tableArn]);
    const events = (resource: string, resourceName: string) =>
      Arn.format({ service: 'events', resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }, stack);
    this.allow(['events:DescribeArchive', 'events:StartReplay'], [events('archive', props.archiveName)]);
    // StartReplay names the bus it replays into.
    this.allow(['events:StartReplay'], [events('event-bus', props.busName)]);
    if (props.ruleNames.length) this.allow(['events:DescribeRule'], props.ruleNames.map((name) => events('rule', `${props.busName}/${name}`)));
    // ListReplays has no resource-level permission (only "*").
    this.allow(['events:ListReplays'], ['*']);
  }

  private allow(actions: readonly string[], resources: readonly string[]): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...actions], resources: [...resources] }));
  }
}
