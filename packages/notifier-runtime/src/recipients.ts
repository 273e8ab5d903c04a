import type { ChannelAddress } from '@bank/topology';
import type { Address, ExcludedAddress } from './ports';

/**
 * Reading recipients out of the accounts table's items (docs/internal-contracts.md), shared by the
 * DynamoDB adapter and the in-memory one: which contact or registry entry is an address, and which
 * is left out and why. Pure; knows no channel.
 */

/** What the notifier needs from an account item. */
export interface AccountView {
  readonly accountId: string;
  /** The Cognito `sub` of the owner; absent on an item without one (then nothing can be addressed). */
  readonly ownerId?: string;
  /** Per-channel opt-in; a channel is on only when its entry is `true`. */
  readonly notifications: Readonly<Record<string, boolean>>;
}

/** A channel's addresses of one owner, and the candidates left out (not by the customer's choice). */
export interface AddressBook {
  readonly addresses: readonly Address[];
  readonly excluded: readonly ExcludedAddress[];
}

export const NO_ADDRESSES: AddressBook = { addresses: [], excluded: [] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Reads the account item (`TransactionID = "ACCOUNT"`). */
export function accountFromItem(accountId: string, item: Readonly<Record<string, unknown>>): AccountView {
  const notifications: Record<string, boolean> = {};
  if (isRecord(item.notifications)) {
    for (const [channel, on] of Object.entries(item.notifications)) notifications[channel] = on === true;
  }
  const ownerId = nonEmptyString(item.ownerId);
  return { accountId, notifications, ...(ownerId ? { ownerId } : {}) };
}

/**
 * The profile's contact `attribute` as an address, only when verified. A contact that exists but
 * is not verified, or is empty, is excluded with its reason; no contact at all is simply none.
 */
export function identityAddresses(profile: Readonly<Record<string, unknown>> | undefined, attribute: string): AddressBook {
  const contacts = isRecord(profile?.contacts) ? profile.contacts : {};
  const contact = contacts[attribute];
  if (contact === undefined) return NO_ADDRESSES;
  if (!isRecord(contact)) return { addresses: [], excluded: [{ id: attribute, reason: 'invalid-contact' }] };
  const value = nonEmptyString(contact.value);
  if (!value) return { addresses: [], excluded: [{ id: attribute, reason: 'invalid-contact' }] };
  if (contact.verified !== true) return { addresses: [], excluded: [{ id: attribute, reason: 'unverified-contact' }] };
  return { addresses: [{ id: attribute, value }], excluded: [] };
}

/** Every well-formed entry of a registry as an address (its `attributes` must all be strings). */
export function registryAddresses(entries: readonly Readonly<Record<string, unknown>>[]): AddressBook {
  const addresses: Address[] = [];
  const excluded: ExcludedAddress[] = [];
  for (const entry of entries) {
    const id = nonEmptyString(entry.entryId) ?? '?';
    const value = nonEmptyString(entry.address);
    const attributes = entry.attributes === undefined ? {} : entry.attributes;
    if (!value || !isRecord(attributes) || Object.values(attributes).some((v) => typeof v !== 'string')) {
      excluded.push({ id, reason: 'invalid-entry' });
      continue;
    }
    addresses.push({ id, value, attributes: attributes as Record<string, string> });
  }
  return { addresses, excluded };
}

/** A stable cache key for an owner's addresses from one source. */
export function addressSourceKey(ownerId: string, source: ChannelAddress): string {
  return source.kind === 'identity' ? `${ownerId}#identity` : `${ownerId}#registry#${source.registry}`;
}
