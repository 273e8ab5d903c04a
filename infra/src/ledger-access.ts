import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { HOLD_INDEX_PREFIX } from '@bank/account-service/dynamodb';

/** Partition-key prefix of the hold listing entries (`HOLDS#<status>`, the account service's): a decided hold's entry moves from `HOLDS#PENDING` to its new status, a delete and a put in the decision's transaction. */
export const HOLD_INDEX_PARTITION_PREFIX = HOLD_INDEX_PREFIX;

/**
 * What the account API deletes: hold listing entries when it decides a hold. Idempotency answers
 * are created by the command's own transaction and expire by TTL; the API never deletes them.
 */
export const API_DELETABLE_PREFIXES = [HOLD_INDEX_PARTITION_PREFIX] as const;

/**
 * Lets a function delete items of the accounts table only under these partition-key prefixes:
 * `dynamodb:LeadingKeys` must match one of them, so a DeleteItem, alone or inside
 * TransactWriteItems, on an account's partition (its balance item and transaction records) is
 * refused by IAM.
 *
 * What IAM cannot express: the sort key. A transaction record shares its partition with the
 * account item the API must update, so PutItem/UpdateItem on that partition stay allowed, and
 * the code alone keeps records immutable (every record is written with
 * `attribute_not_exists(TransactionID)`, and no update names a transaction record).
 *
 * @example
 * allowDeletesUnder(api.fn, accounts, API_DELETABLE_PREFIXES);
 */
export function allowDeletesUnder(grantee: IGrantable, table: ITable, prefixes: readonly string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:DeleteItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}*`) } },
    }),
  );
}
