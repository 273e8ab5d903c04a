import { RISK_POLICY_KEY, RISK_POLICY_PARTITION, RISK_POLICY_RECORD_TYPE, RISK_POLICY_VERSION_RECORD_TYPE } from '../policy-items';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidRiskPolicyError, PolicyVersionConflictError } from '../errors';
import type { RiskPolicy } from '../policy';
import type { PutPolicyOptions, RiskPolicyStore, StoredRiskPolicy } from '../policy-store';
import { parseStoredRiskPolicy } from '../policy-validation';

/** Sort key of the history item of `version`; zero-padded so versions sort in order. */
export const riskPolicyVersionSortKey = (version: number): string => `VERSION#${String(version).padStart(10, '0')}`;

export interface DynamoRiskPolicyStoreOptions {
  readonly client: DynamoDBDocumentClient;
  /** The accounts table (`CheckingAccountTransactions`). */
  readonly tableName: string;
}

function storedFromItem(item: Record<string, unknown>): StoredRiskPolicy {
  const { version, updatedAt, updatedBy } = item;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw new InvalidRiskPolicyError([{ path: '/version', message: 'must be a positive integer' }]);
  if (typeof updatedAt !== 'string') throw new InvalidRiskPolicyError([{ path: '/updatedAt', message: 'must be a string' }]);
  if (typeof updatedBy !== 'string') throw new InvalidRiskPolicyError([{ path: '/updatedBy', message: 'must be a string' }]);
  return { policy: parseStoredRiskPolicy(item.policy), version, updatedAt, updatedBy };
}

const conflicted = (error: unknown): boolean =>
  error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');

/**
 * The policy item of the accounts table: `AccountID="RISK#POLICY"`, `TransactionID="CURRENT"`,
 * `recordType:"RISK_POLICY"`, `policy` (minor units), `version`, `updatedAt`, `updatedBy`. Each
 * put also writes a write-once history item `VERSION#<n>` in the same transaction: an audit trail
 * and a stream INSERT per change.
 *
 * @example
 * const store = new DynamoRiskPolicyStore({ client: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: 'CheckingAccountTransactions' });
 * const current = await store.get();
 */
export class DynamoRiskPolicyStore implements RiskPolicyStore {
  constructor(private readonly options: DynamoRiskPolicyStoreOptions) {}

  async get(): Promise<StoredRiskPolicy | undefined> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: RISK_POLICY_KEY, ConsistentRead: true }));
    return Item ? storedFromItem(Item) : undefined;
  }

  async put(policy: RiskPolicy, options: PutPolicyOptions): Promise<StoredRiskPolicy> {
    const stored: StoredRiskPolicy = { policy, version: options.expectedVersion + 1, updatedAt: options.at.toISOString(), updatedBy: options.updatedBy };
    const attributes = { policy: stored.policy, version: stored.version, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
    const current =
      options.expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(AccountID)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': options.expectedVersion } };
    try {
      await this.options.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.options.tableName, Item: { ...RISK_POLICY_KEY, recordType: RISK_POLICY_RECORD_TYPE, ...attributes }, ...current } },
            {
              Put: {
                TableName: this.options.tableName,
                Item: { AccountID: RISK_POLICY_PARTITION, TransactionID: riskPolicyVersionSortKey(stored.version), recordType: RISK_POLICY_VERSION_RECORD_TYPE, ...attributes },
                ConditionExpression: 'attribute_not_exists(AccountID)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (conflicted(error)) throw new PolicyVersionConflictError(options.expectedVersion, { cause: error });
      throw error;
    }
    return stored;
  }
}
