import { CHANNELS } from '@bank/topology';
import {
  assertValidEvent,
  EVENT_TYPES,
  EventValidationError,
  isNotifiedEvent,
  isNotifiedEventType,
  SchemaError,
  validateEvent,
  validateEventEnvelope,
  validateMoneyEvent,
  validateNotifiableEvent,
  type ValidationResult,
} from '../../src/index';
import { accountOpened, moneyDeposited, sampleEvents, transferSent } from '../fixtures/events';

function issuesOf<T>(result: ValidationResult<T>): { path: string; message: string }[] {
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
}

describe('validateEvent', () => {
  it.each(sampleEvents.map((event) => [event.type, event] as const))('accepts a valid %s event', (_type, event) => {
    expect(validateEvent(event)).toEqual({ ok: true, value: event });
  });

  it('accepts an event without the optional correlationid', () => {
    const { correlationid: _omitted, ...event } = moneyDeposited;
    expect(validateEvent(event).ok).toBe(true);
  });

  it('tolerates unknown data fields (forward compatibility)', () => {
    expect(validateEvent({ ...moneyDeposited, data: { ...moneyDeposited.data, channelHint: 'x' } }).ok).toBe(true);
  });

  it('tolerates a lowercase CloudEvents extension attribute', () => {
    expect(validateEvent({ ...moneyDeposited, traceparent: '00-abc' }).ok).toBe(true);
  });

  it.each([
    ['a non-object', 'MoneyDeposited', '/', 'must be an object'],
    ['a missing type', { ...moneyDeposited, type: undefined }, '/type', 'is required'],
    ['an unknown type', { ...moneyDeposited, type: 'MoneyStolen' }, '/type', `must be one of: ${EVENT_TYPES.join(', ')}`],
    ['a wrong source', { ...moneyDeposited, source: 'evil' }, '/source', 'must be "bank.account"'],
    ['a wrong specversion', { ...moneyDeposited, specversion: '0.3' }, '/specversion', 'must be "1.0"'],
    ['a dataschema of another type', { ...moneyDeposited, dataschema: 'urn:bank:events:MoneyWithdrawn:v1' }, '/dataschema', 'must be "urn:bank:events:MoneyDeposited:v1"'],
    ['a time that is not RFC 3339', { ...moneyDeposited, time: 'yesterday' }, '/time', 'must be an RFC 3339 date-time'],
    ['a missing subject', { ...moneyDeposited, subject: undefined }, '/subject', 'is required'],
    ['a camel-case extension (typo of correlationid)', { ...moneyDeposited, correlationId: 'x' }, '/correlationId', 'is not a valid attribute name (lowercase letters and digits)'],
    ['a fractional amount', { ...moneyDeposited, data: { ...moneyDeposited.data, amount: 10.5 } }, '/data/amount', 'must be an integer'],
    ['a zero amount', { ...moneyDeposited, data: { ...moneyDeposited.data, amount: 0 } }, '/data/amount', 'must be at least 1'],
    ['a string amount', { ...moneyDeposited, data: { ...moneyDeposited.data, amount: '100' } }, '/data/amount', 'must be an integer'],
    ['a transaction type of another event', { ...moneyDeposited, data: { ...moneyDeposited.data, type: 'WITHDRAWAL' } }, '/data/type', 'must be "DEPOSIT"'],
    ['a lowercase currency', { ...moneyDeposited, data: { ...moneyDeposited.data, currency: 'usd' } }, '/data/currency', 'must be a 3-letter ISO 4217 currency code'],
    ['a missing balanceAfter', { ...moneyDeposited, data: { ...moneyDeposited.data, balanceAfter: undefined } }, '/data/balanceAfter', 'is required'],
    ['a transfer without transferId', { ...transferSent, data: { ...transferSent.data, transferId: undefined } }, '/data/transferId', 'is required'],
    ['a transfer without counterparty', { ...transferSent, data: { ...transferSent.data, counterpartyAccountId: undefined } }, '/data/counterpartyAccountId', 'is required'],
    ['an email in data (PII)', { ...moneyDeposited, data: { ...moneyDeposited.data, email: 'a@b.co' } }, '/data/email', 'is not allowed: events carry no personal data'],
    ['a phone in data (PII)', { ...accountOpened, data: { ...accountOpened.data, phone: '+15551234567' } }, '/data/phone', 'is not allowed: events carry no personal data'],
    ['an owner in data (PII)', { ...accountOpened, data: { ...accountOpened.data, owner: { name: 'A' } } }, '/data/owner', 'is not allowed: events carry no personal data'],
    ['a non-boolean channel flag', { ...accountOpened, data: { ...accountOpened.data, channels: { email: 'yes' } } }, '/data/channels/email', 'must be a boolean'],
  ])('rejects %s', (_case, input, path, message) => {
    expect(issuesOf(validateEvent(JSON.parse(JSON.stringify(input)) as unknown))).toContainEqual({ path, message });
  });
});

describe('validateEventEnvelope', () => {
  it.each(sampleEvents.map((event) => [event.type, event] as const))('accepts every valid %s event (envelope-only consumers keep working)', (_type, event) => {
    expect(validateEventEnvelope(event).ok).toBe(true);
  });

  it('accepts any type with a valid envelope', () => {
    expect(validateEventEnvelope({ ...moneyDeposited, type: 'SomethingNew', dataschema: 'urn:bank:events:SomethingNew:v1', data: {} }).ok).toBe(true);
  });

  it('rejects an envelope without data', () => {
    expect(issuesOf(validateEventEnvelope({ ...moneyDeposited, data: undefined }))).toContainEqual({ path: '/data', message: 'is required' });
  });
});

describe('assertValidEvent', () => {
  it('returns the typed event when valid', () => {
    expect(assertValidEvent(transferSent)).toBe(transferSent);
  });

  it('throws an EventValidationError carrying the issues', () => {
    const attempt = () => assertValidEvent({ ...moneyDeposited, data: { ...moneyDeposited.data, amount: -1 } });
    expect(attempt).toThrow(EventValidationError);
    expect(attempt).toThrow(SchemaError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ name: 'EventValidationError', errors: [{ path: '/data/amount', message: 'must be at least 1' }] });
    }
  });
});

describe('validateMoneyEvent', () => {
  it.each(sampleEvents.map((event) => [event.type, event] as const))('accepts a valid %s event', (_type, event) => {
    expect(validateMoneyEvent(event)).toEqual({ ok: true, value: event });
  });

  it('checks a money event\'s data as validateEvent does', () => {
    const bad = { ...transferSent, data: { ...transferSent.data, amount: -1 } };
    expect(issuesOf(validateMoneyEvent(bad))).toEqual(issuesOf(validateEvent(bad)));
  });

  it('checks another type\'s envelope, not its data (not this consumer\'s to read)', () => {
    expect(validateMoneyEvent({ ...accountOpened, data: { unexpected: true } }).ok).toBe(true);
    expect(issuesOf(validateMoneyEvent({ ...accountOpened, source: 'elsewhere' }))[0]?.path).toBe('/source');
    expect(issuesOf(validateMoneyEvent({ ...moneyDeposited, type: 'MoneyStolen' }))[0]?.path).toBe('/type');
  });
});

describe('validateNotifiableEvent', () => {
  const subscribed = new Set(CHANNELS.flatMap((channel) => channel.eventTypes));

  it('checks the data of exactly the types some channel subscribes to', () => {
    expect(EVENT_TYPES.filter(isNotifiedEventType)).toEqual(EVENT_TYPES.filter((type) => subscribed.has(type)));
    expect(isNotifiedEventType('AccountOpened')).toBe(false);
    expect(isNotifiedEventType('toString')).toBe(false);
  });

  it.each(sampleEvents.map((event) => [event.type, event] as const))('accepts a valid %s event', (_type, event) => {
    expect(validateNotifiableEvent(event)).toEqual({ ok: true, value: event });
  });

  it('checks a subscribed type\'s data as validateEvent does', () => {
    const bad = { ...transferSent, data: { ...transferSent.data, amount: -1 } };
    expect(issuesOf(validateNotifiableEvent(bad))).toEqual(issuesOf(validateEvent(bad)));
    expect(isNotifiedEvent(transferSent)).toBe(true);
  });

  it('checks another type\'s envelope, not its data, and says so', () => {
    const unchecked = { ...accountOpened, data: { unexpected: true } };
    const result = validateNotifiableEvent(unchecked);
    expect(result.ok && isNotifiedEvent(result.value)).toBe(false);
    expect(issuesOf(validateNotifiableEvent({ ...accountOpened, source: 'elsewhere' }))[0]?.path).toBe('/source');
    expect(issuesOf(validateNotifiableEvent({ ...moneyDeposited, type: 'MoneyStolen' }))[0]?.path).toBe('/type');
  });
});
