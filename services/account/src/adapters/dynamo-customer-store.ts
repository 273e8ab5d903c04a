import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RegistryCounts } from '../domain/channels';
import type { CustomerProfile } from '../domain/model';
import type { CustomerStore } from '../domain/ports';
import { CUSTOMER_ACCOUNT_SORT_KEY_PREFIX, customerPartition, REGISTRY_SORT_KEY_PREFIX, registrySortKeyPrefix } from '@bank/topology';
import type { RegistryEntry } from '../domain/registry';
import { itemToProfile, itemToRegistryEntry, profileKey, profileToItem, registryEntryKey, registryEntryToItem } from './dynamo-items';

/** CustomerStore on the accounts table: one partition per customer (profile, account links, registries). */
export class DynamoCustomerStore implements CustomerStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getProfile(customerId: string): Promise<CustomerProfile | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: profileKey(customerId) }));
    return out.Item ? itemToProfile(out.Item) : undefined;
  }

  async saveProfile(profile: CustomerProfile): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: profileToItem(profile) }));
  }

  async listAccountIds(customerId: string): Promise<string[]> {
    const items = await this.queryPrefix(customerId, CUSTOMER_ACCOUNT_SORT_KEY_PREFIX, ['accountId']);
    return items.flatMap((item) => (typeof item.accountId === 'string' ? [item.accountId] : []));
  }

  async registryCounts(customerId: string): Promise<RegistryCounts> {
    const counts: Record<string, number> = {};
    for (const item of await this.queryPrefix(customerId, REGISTRY_SORT_KEY_PREFIX, ['registry'])) {
      if (typeof item.registry === 'string') counts[item.registry] = (counts[item.registry] ?? 0) + 1;
    }
    return counts;
  }

  async listRegistryEntries(customerId: string, registry: string): Promise<RegistryEntry[]> {
    const items = await this.queryPrefix(customerId, registrySortKeyPrefix(registry), ['registry', 'entryId', 'address', 'attributes', 'createdAt']);
    return items.flatMap((item) => itemToRegistryEntry(item) ?? []);
  }

  async putRegistryEntry(customerId: string, entry: RegistryEntry): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: registryEntryToItem(customerId, entry) }));
  }

  async deleteRegistryEntry(customerId: string, registry: string, entryId: string): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({ TableName: this.tableName, Key: registryEntryKey(customerId, registry, entryId), ConditionExpression: 'attribute_exists(AccountID)' }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  private async queryPrefix(customerId: string, prefix: string, attributes: readonly string[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'AccountID = :pk AND begins_with(TransactionID, :prefix)',
          ExpressionAttributeValues: { ':pk': customerPartition(customerId), ':prefix': prefix },
          ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
