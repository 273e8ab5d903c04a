import { LimitExceededError, RegistryEntryNotFoundError } from './errors';
import type { CustomerStore } from './ports';

/**
 * An address a customer registers with the bank (a browser's push subscription, say): where to
 * deliver and the attributes the provider needs. PII: the address is never logged or echoed.
 */
export interface RegistryEntry {
  readonly registry: string;
  readonly entryId: string;
  readonly address: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly createdAt: string;
}

/**
 * Registers an address; the same id again replaces the entry (a browser renewing its keys), and a
 * new one is refused once the customer has `maxEntries` (a handful of devices is what a person has).
 */
export async function registerEntry(store: CustomerStore, customerId: string, entry: RegistryEntry, maxEntries: number): Promise<RegistryEntry> {
  const existing = await store.listRegistryEntries(customerId, entry.registry);
  const previous = existing.find((e) => e.entryId === entry.entryId);
  if (!previous && existing.length >= maxEntries) {
    throw new LimitExceededError(`At most ${maxEntries} entries may be registered; remove one first.`);
  }
  const stored = previous ? { ...entry, createdAt: previous.createdAt } : entry;
  await store.putRegistryEntry(customerId, stored);
  return stored;
}

export async function removeEntry(store: CustomerStore, customerId: string, registry: string, entryId: string): Promise<void> {
  if (!(await store.deleteRegistryEntry(customerId, registry, entryId))) throw new RegistryEntryNotFoundError();
}
