import { Validations, type Stack } from 'aws-cdk-lib';
import { Method, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
import { BankFunction } from './bank-function';
import { OperatorRole } from './operator-role';

/** The REST methods without the Cognito authorizer: GET /health and the mock 404/405 answers. */
function isUnauthenticatedMethod(node: IConstruct): boolean {
  if (!(node instanceof Method)) return false;
  const mock = node.node.path.endsWith('/ANY');
  return mock || (node.httpMethod === 'GET' && node.resource.path === '/health');
}

/** The routes of the callbacks' HTTP API (callback-api.ts): providers' signed callbacks only. */
function isCallbackRoute(node: IConstruct): boolean {
  return node instanceof HttpRoute && node.node.path.includes('/Callbacks/');
}

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
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'The role Cognito uses to text phone verification codes: SMS are published to phone numbers, which have no ARN, so ' +
      'sns:Publish cannot be scoped to a resource; the role trusts only cognito-idp with this pool\'s external id.',
    appliesTo: (node) => node.node.path.endsWith('/Identity/Pool/smsRole'),
  },
  {
    id: 'AwsSolutions-COG2',
    reason:
      'MFA is optional (TOTP) by design: customers opt in from their app; threat protection (Plus plan, full function) ' +
      'challenges risky sign-ins adaptively. Requiring MFA for every customer is a product decision left to the bank.',
    appliesTo: (node) => node instanceof UserPool,
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
    reason:
      'Public by contract (DESIGN §3/§8): GET /health, and the mock methods that answer 404/405 problem documents without a backend. ' +
      'Every other method has the Cognito authorizer (a unit test checks it).',
    appliesTo: isUnauthenticatedMethod,
  },
  {
    id: 'AwsSolutions-APIG4',
    reason:
      'POST /webhooks/{provider}, the only route of the callbacks API (DESIGN §11): providers cannot hold Cognito tokens; their ' +
      'signature is the authentication, checked by the function before it reads or writes anything (401/403 otherwise).',
    appliesTo: isCallbackRoute,
  },
  {
    id: 'AwsSolutions-COG4',
    reason: 'Same methods as APIG4: public by contract or mock answers that reach no backend; every other method uses the Cognito user pool authorizer.',
    appliesTo: isUnauthenticatedMethod,
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
