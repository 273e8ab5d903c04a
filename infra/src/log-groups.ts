import { type IAspect, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { CfnLogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/** The shortest retention any log group of the stack may have (a year, what audits ask for). */
export const MIN_LOG_RETENTION_DAYS: number = RetentionDays.ONE_YEAR;

/**
 * One rule for every log group of the stack, whoever creates it (functions, API access logs,
 * WAF, and constructs added later): encrypted with the logs key, kept at least
 * {@link MIN_LOG_RETENTION_DAYS} days, and retained when the stack is deleted.
 *
 * @example
 * Aspects.of(stack).add(new LogGroupPolicy(keys.logs));
 */
export class LogGroupPolicy implements IAspect {
  constructor(private readonly key: IKey) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnLogGroup)) return;
    node.kmsKeyId = this.key.keyArn;
    // Undefined retention means never expire, which already satisfies the minimum.
    if (node.retentionInDays !== undefined && node.retentionInDays < MIN_LOG_RETENTION_DAYS) node.retentionInDays = MIN_LOG_RETENTION_DAYS;
    node.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
