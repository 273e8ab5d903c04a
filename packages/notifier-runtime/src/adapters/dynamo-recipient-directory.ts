import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ACCOUNT_ITEM_SORT_KEY,
  PROFILE_SORT_KEY,
  customerPartition,
  registryEntrySortKey,
  registrySortKeyPrefix,
  type ChannelAddress,
} from '@bank/topology';
import type { Recipient, RecipientDirectory, RegistrySource } from '../ports';
import { accountFromItem, identityAddresses, NO_ADDRESSES, registryAddresses, type AccountView, type AddressBook } from '../recipients';

export interface DynamoRecipientDirectoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** How long an account, profile or registry read is reused in one container; opt-outs apply after at most this. Default 30 s. */
  readonly cacheTtlMs?: number;
  readonly now?: () => number;
}

type Item = Record<string, unknown>;

/** BatchGetItem takes at most 100 keys per call. */
const BATCH_LIMIT = 100;
/** Unprocessed keys (throttling) are asked for again this many times, then read one by one later. */
const BATCH_ROUNDS = 3;

/** A small TTL cache; `undefined` values (no such item) are cached too. */
class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V | undefined; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  has(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.until > this.now();
  }

  get(key: string): V | undefined {
    return this.has(key) ? this.entries.get(key)?.value : undefined;
  }

  set(key: string, value: V | undefined): void {
    this.entries.set(key, { value, until: this.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

const registryKey = (ownerId: string, registry: string): string => `${ownerId}#${registry}`;

/**
 * Recipients from the accounts table (docs/internal-contracts.md): the account item gives the
 * owner and the channel choices; the channel declaration's address source gives the addresses
 * (`identity` → the owner's profile contact, only when verified; `registry` → every entry of that
 * registry under the owner). A batch is read at once: one BatchGetItem for its accounts, one for
 * their owners' profiles, one Query per owner's registry; reads are cached for `cacheTtlMs`.
 */
export class DynamoRecipientDirectory implements RecipientDirectory {
  private readonly accounts: ExpiringCache<AccountView>;
  private readonly profiles: ExpiringCache<Item>;
  private readonly registries: ExpiringCache<Item[]>;

  constructor(private readonly options: DynamoRecipientDirectoryOptions) {
    const ttl = options.cacheTtlMs ?? 30_000;
    const now = options.now ?? Date.now;
    this.accounts = new ExpiringCache(ttl, now);
    this.profiles = new ExpiringCache(ttl, now);
    this.registries = new ExpiringCache(ttl, now);
  }

  async prefetch(accountIds: readonly string[], source: ChannelAddress): Promise<void> {
    const missingAccounts = [...new Set(accountIds)].filter((id) => !this.accounts.has(id));
    const accountItems = await this.batchGet(missingAccounts.map((id) => ({ AccountID: id, TransactionID: ACCOUNT_ITEM_SORT_KEY })));
    for (const id of missingAccounts) {
      // A missing account is not remembered: a replay after the cause is fixed must find it.
      const item = accountItems.get(id);
      if (item) this.accounts.set(id, accountFromItem(id, item));
    }
    const owners = [...new Set(accountIds.flatMap((id) => this.accounts.get(id)?.ownerId ?? []))];
    if (source.kind === 'identity') {
      const missing = owners.filter((owner) => !this.profiles.has(owner));
      const profiles = await this.batchGet(missing.map((owner) => ({ AccountID: customerPartition(owner), TransactionID: PROFILE_SORT_KEY })));
      for (const owner of missing) {
        const item = profiles.get(customerPartition(owner));
        if (item !== null) this.profiles.set(owner, item);
      }
    } else {
      await Promise.all(owners.filter((owner) => !this.registries.has(registryKey(owner, source.registry))).map((owner) => this.loadRegistry(owner, source.registry)));
    }
  }

  async find(accountId: string, source: ChannelAddress): Promise<Recipient | undefined> {
    await this.prefetch([accountId], source);
    const account = this.accounts.get(accountId);
    if (!account) return undefined;
    const book = account.ownerId ? await this.addressesOf(account.ownerId, source) : NO_ADDRESSES;
    return { ...account, addresses: book.addresses, excluded: book.excluded };
  }

  async forget(ownerId: string, source: RegistrySource, entryId: string, address: string): Promise<boolean> {
    this.registries.delete(registryKey(ownerId, source.registry));
    try {
      await this.options.client.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: { AccountID: customerPartition(ownerId), TransactionID: registryEntrySortKey(source.registry, entryId) },
          // Only the address that failed: an entry registered again in the meantime stays.
          ConditionExpression: '#address = :address',
          ExpressionAttributeNames: { '#address': 'address' },
          ExpressionAttributeValues: { ':address': address },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async addressesOf(ownerId: string, source: ChannelAddress): Promise<AddressBook> {
    if (source.kind === 'identity') return identityAddresses(this.profiles.get(ownerId), source.attribute);
    const key = registryKey(ownerId, source.registry);
    const entries = this.registries.has(key) ? this.registries.get(key) : await this.loadRegistry(ownerId, source.registry);
    return registryAddresses(entries ?? []);
  }

  private async loadRegistry(ownerId: string, registry: string): Promise<Item[]> {
    const entries: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'AccountID = :pk AND begins_with(TransactionID, :prefix)',
          ExpressionAttributeValues: { ':pk': customerPartition(ownerId), ':prefix': registrySortKeyPrefix(registry) },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      entries.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    this.registries.set(registryKey(ownerId, registry), entries);
    return entries;
  }

  /**
   * Items by partition key: the item, `undefined` when it does not exist, `null` when DynamoDB did
   * not answer for it (left unprocessed after the retries; not cached, so `find` asks again).
   */
  private async batchGet(keys: readonly { AccountID: string; TransactionID: string }[]): Promise<Map<string, Item | undefined | null>> {
    const found = new Map<string, Item | undefined | null>(keys.map((key) => [key.AccountID, undefined]));
    for (let start = 0; start < keys.length; start += BATCH_LIMIT) {
      let pending: Record<string, unknown>[] = keys.slice(start, start + BATCH_LIMIT);
      for (let round = 0; round < BATCH_ROUNDS && pending.length > 0; round += 1) {
        const out = await this.options.client.send(
          new BatchGetCommand({ RequestItems: { [this.options.tableName]: { Keys: pending, ConsistentRead: false } } }),
        );
        for (const item of out.Responses?.[this.options.tableName] ?? []) {
          if (typeof item.AccountID === 'string') found.set(item.AccountID, item);
        }
        pending = out.UnprocessedKeys?.[this.options.tableName]?.Keys ?? [];
      }
      for (const key of pending) if (typeof key.AccountID === 'string') found.set(key.AccountID, null);
    }
    return found;
  }
}
