import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';

/**
 * Partition-key prefix of idempotency records in the accounts table (spelled by the account
 * service, `services/account/src/http/idempotency.ts`): the only items the API ever deletes.
 */
export const IDEMPOTENCY_PARTITION_PREFIX = 'IDEMPOTENCY#';

/**
 * Lets the account API delete idempotency records and nothing else: `dynamodb:LeadingKeys`
 * (the partition key of the item) must start with {@link IDEMPOTENCY_PARTITION_PREFIX}, so a
 * DeleteItem, alone or inside TransactWriteItems, on an account's partition (its balance item
 * and transaction records) is refused by IAM.
 *
 * What IAM cannot express: the sort key. A transaction record shares its partition with the
 * account item the API must update, so PutItem/UpdateItem on that partition stay allowed, and
 * the code alone keeps records immutable (every record is written with
 * `attribute_not_exists(TransactionID)`, and no update names a transaction record).
 *
 * @example
 * allowIdempotencyDeletes(api.fn, accounts);
 */
export function allowIdempotencyDeletes(grantee: IGrantable, table: ITable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:DeleteItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${IDEMPOTENCY_PARTITION_PREFIX}*`] } },
    }),
  );
}
