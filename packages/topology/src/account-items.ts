/**
 * How the items of the accounts table are keyed (docs/internal-contracts.md), spelled once for
 * the account service that writes them and the notifiers that read them.
 */

/** Sort key of an account's own item (`AccountID = <accountId>`). */
export const ACCOUNT_ITEM_SORT_KEY = 'ACCOUNT';

/** Sort key of a customer's profile (the bank's copy of the identity). */
export const PROFILE_SORT_KEY = 'PROFILE';

/** Partition of everything that belongs to a customer rather than to one account. */
export function customerPartition(customerId: string): string {
  return `CUSTOMER#${customerId}`;
}

/** Sort-key prefix of a customer's links to the accounts they own (`ACCOUNT#<accountId>`). */
export const CUSTOMER_ACCOUNT_SORT_KEY_PREFIX = 'ACCOUNT#';

/** Sort-key prefix of every registry entry of a customer, whatever the registry. */
export const REGISTRY_SORT_KEY_PREFIX = 'REGISTRY#';

/** Sort-key prefix shared by every entry of one of a customer's registries. */
export function registrySortKeyPrefix(registry: string): string {
  return `${REGISTRY_SORT_KEY_PREFIX}${registry}#`;
}

/** Sort key of one registry entry, e.g. `REGISTRY#push-subscriptions#<entryId>`. */
export function registryEntrySortKey(registry: string, entryId: string): string {
  return `${registrySortKeyPrefix(registry)}${entryId}`;
}
