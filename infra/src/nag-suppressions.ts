import { Validations, type Stack } from 'aws-cdk-lib';
import { Method, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
import { BankFunction } from './bank-function';
import { OperatorRole } from './operator-role';

/** An accepted cdk-nag finding and why it is accepted (mirrored in the README, Deploy section). */
export interface NagAcknowledgment {
  readonly id: string;
  readonly reason: string;
  /** Which constructs of the stack it applies to. */
  readonly appliesTo: (node: IConstruct) => boolean;
}

export const NAG_ACKNOWLEDGMENTS: readonly NagAcknowledgment[] = [
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Only xray:PutTraceSegments/PutTelemetryRecords (tracing), dynamodb:ListStreams (stream event source) and, for the operator role, ' +
      'events:ListReplays (bankctl events replays) have Resource "*": these actions support no resource-level permissions. ' +
      'A unit test fails if any other action gets "*".',
    appliesTo: (node) => node instanceof BankFunction || node instanceof OperatorRole,
  },
  {
    id: 'AwsSolutions-L1',
    reason: 'The runtime is pinned to nodejs22.x (project requirement, matches the build target); move every function together when the project upgrades.',
    appliesTo: (node) => node instanceof BankFunction,
  },
  {
    id: 'AwsSolutions-SMG4',
    reason:
      'SendGrid/Twilio credentials are issued by the provider, so Secrets Manager cannot rotate them; operators rotate at the provider ' +
      'and run put-secret-value (README, Deploy). Notifiers re-read the secret on cold start.',
    appliesTo: (node) => node instanceof Secret,
  },
  {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    reason: 'The account-level API Gateway logging role uses the AWS policy made for exactly that purpose (logs actions only).',
    appliesTo: (node) => node instanceof RestApi,
  },
  {
    id: 'AwsSolutions-APIG4',
    reason: 'The public API contract (DESIGN §3) has no authentication; put an IAM, Cognito or Lambda authorizer in front before real customer use.',
    appliesTo: (node) => node instanceof Method,
  },
  {
    id: 'AwsSolutions-COG4',
    reason: 'Same as APIG4: no authorizer in this API contract, so no Cognito user pool authorizer either.',
    appliesTo: (node) => node instanceof Method,
  },
  {
    id: 'AwsSolutions-SQS3',
    reason: 'The relay failures queue is itself a dead-letter queue: the on-failure destination of the table stream event source (not a redrive target, which is all the rule detects).',
    appliesTo: (node) => node.node.path.endsWith('/Outbox/Failures'),
  },
];

/** Records every acknowledgment on the constructs it applies to. */
export function acknowledgeNagFindings(stack: Stack): void {
  for (const node of stack.node.findAll()) {
    for (const ack of NAG_ACKNOWLEDGMENTS) {
      if (ack.appliesTo(node)) Validations.of(node).acknowledge({ id: ack.id, reason: ack.reason });
    }
  }
}
