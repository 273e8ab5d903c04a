import { channelReachable, channelsOn, resolvePreferences, type ChannelRule } from '../../../src/domain/channels';
import { ContactNotVerifiedError, ValidationFailedError } from '../../../src/domain/errors';
import type { CustomerProfile } from '../../../src/domain/model';

// Declarations as data: the core reads them, never a channel name of its own.
const rules: ChannelRule[] = [
  { name: 'mail', address: { kind: 'identity', attribute: 'email' }, defaultOn: true },
  { name: 'text', address: { kind: 'identity', attribute: 'phone' }, defaultOn: true },
  { name: 'chat', address: { kind: 'identity', attribute: 'phone' }, defaultOn: false },
  { name: 'device', address: { kind: 'registry', registry: 'devices' }, defaultOn: true },
];
const profile: CustomerProfile = {
  customerId: 'c',
  contacts: { email: { value: 'a@example.com', verified: true }, phone: { value: '+15555550100', verified: false } },
  updatedAt: '',
};

describe('channel reachability', () => {
  it('needs a verified identity contact, or an entry in the registry', () => {
    expect(rules.map((r) => channelReachable(r, profile, { devices: 1 }))).toEqual([true, false, false, true]);
    expect(channelReachable(rules[3] as ChannelRule, profile, {})).toBe(false);
  });
});

describe('resolvePreferences', () => {
  it('defaults each channel to its declaration where it can reach the customer', () => {
    expect(resolvePreferences(rules, profile, {}, {})).toEqual({ mail: true, text: false, chat: false, device: false });
  });

  it('keeps what the customer asked for, and the current choice where they said nothing', () => {
    expect(resolvePreferences(rules, profile, { devices: 2 }, { mail: false, device: true }, { chat: false, text: false })).toEqual({
      mail: false,
      text: false,
      chat: false,
      device: true,
    });
  });

  it('refuses to turn on a channel whose contact is not verified', () => {
    expect(() => resolvePreferences(rules, profile, {}, { text: true })).toThrow(ContactNotVerifiedError);
    expect(() => resolvePreferences(rules, profile, {}, { device: true })).toThrow(ContactNotVerifiedError);
  });

  it('refuses a channel the platform does not declare', () => {
    expect(() => resolvePreferences(rules, profile, {}, { pigeon: true })).toThrow(ValidationFailedError);
  });
});

describe('channelsOn', () => {
  it('lists the channels that are on', () => {
    expect(channelsOn({ mail: true, text: false, device: true })).toEqual(['mail', 'device']);
  });
});
