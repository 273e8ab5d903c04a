import { AnyPrincipal, Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';

/** Who may put messages into a queue. Everyone else is denied, whatever their IAM policy says. */
export interface AllowedSenders {
  /** AWS services delivering on behalf of these resources (the `aws:SourceArn` of, e.g., an SNS topic). */
  readonly sourceArns?: readonly string[];
  /** Roles whose sessions may send (the `aws:PrincipalArn`). */
  readonly roles?: readonly IRole[];
}

/**
 * Adds an explicit deny of `sqs:SendMessage` (which also covers SendMessageBatch) to the queue
 * policy for every sender not listed. An explicit deny beats any allow, so a role that gains
 * broad SQS rights elsewhere still cannot inject messages into a channel. SQS's own move of a
 * message to its dead-letter queue is not a SendMessage call and is governed by the DLQ's redrive
 * allow policy instead.
 *
 * @example
 * restrictSenders(pair.queue, { sourceArns: [topic.topicArn], roles: [operator.role] });
 */
export function restrictSenders(queue: IQueue, senders: AllowedSenders): void {
  const notListed: Record<string, string[]> = {};
  // A negated condition is true when its key is absent, so both must hold for the deny to apply:
  // a delivery from a listed source has no principal ARN but a matching source ARN, and a
  // listed role's call has no source ARN but a matching principal ARN.
  if (senders.sourceArns?.length) notListed['aws:SourceArn'] = [...senders.sourceArns];
  if (senders.roles?.length) notListed['aws:PrincipalArn'] = senders.roles.map((r) => r.roleArn);
  queue.addToResourcePolicy(
    new PolicyStatement({
      sid: 'OnlyListedSenders',
      effect: Effect.DENY,
      principals: [new AnyPrincipal()],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { ArnNotEquals: notListed },
    }),
  );
}
