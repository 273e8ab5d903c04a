import type { ChannelAddress } from '@bank/topology';
import { ContactNotVerifiedError, ValidationFailedError } from './errors';
import type { CustomerProfile, NotificationPreferences } from './model';

/** What the account core needs to know of a channel declaration (`@bank/topology`). */
export interface ChannelRule {
  readonly name: string;
  readonly address: ChannelAddress;
  readonly defaultOn: boolean;
}

/** How many entries the customer has in each registry (e.g. browser subscriptions). */
export type RegistryCounts = Readonly<Record<string, number>>;

/** A channel can reach the customer: its identity contact is verified, or its registry has an entry. */
export function channelReachable(rule: ChannelRule, profile: CustomerProfile, registries: RegistryCounts): boolean {
  if (rule.address.kind === 'identity') {
    const contact = profile.contacts[rule.address.attribute];
    return contact !== undefined && contact.verified && contact.value !== '';
  }
  return (registries[rule.address.registry] ?? 0) > 0;
}

/**
 * The notification choices of a new account or of a change: what the customer asked for, the
 * channel's default where they said nothing (on only if reachable). Turning on a channel that
 * cannot reach the customer is refused: nothing is ever sent to an unverified contact.
 */
export function resolvePreferences(
  rules: readonly ChannelRule[],
  profile: CustomerProfile,
  registries: RegistryCounts,
  requested: NotificationPreferences,
  current?: NotificationPreferences,
): NotificationPreferences {
  checkKnownChannels(rules, requested);
  const result: Record<string, boolean> = {};
  for (const rule of rules) {
    const reachable = channelReachable(rule, profile, registries);
    const wanted = requested[rule.name];
    if (wanted === true && !reachable) throw new ContactNotVerifiedError(rule.name);
    result[rule.name] = wanted ?? current?.[rule.name] ?? (rule.defaultOn && reachable);
  }
  return result;
}

/** Refuses channel names the platform does not declare (the API schema already does; this guards other callers). */
export function checkKnownChannels(rules: readonly ChannelRule[], requested: NotificationPreferences): void {
  const known = new Set(rules.map((r) => r.name));
  const unknown = Object.keys(requested).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ValidationFailedError('Unknown notification channel.', unknown.map((name) => ({ path: `/notifications/${name}`, message: 'is not a notification channel' })));
  }
}

/** The channels that are on, in declaration order; copied onto each transaction for the SNS filters. */
export function channelsOn(preferences: NotificationPreferences): string[] {
  return Object.entries(preferences).flatMap(([channel, on]) => (on ? [channel] : []));
}
