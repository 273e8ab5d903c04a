import { dataSchemaUri, EVENT_SOURCE, EVENT_TYPES, eventSchemas, eventSchemaVersion, isEventType, isMoneyEvent, MONEY_EVENT_TYPES } from '../../src/index';
import { accountOpened, sampleEvents } from '../fixtures/events';

describe('event types', () => {
  it('names the dataschema URN after type and version', () => {
    expect(dataSchemaUri('MoneyDeposited')).toBe('urn:bank:events:MoneyDeposited:v1');
  });

  it.each(EVENT_TYPES.map((type) => [type, type === 'AccountOpened' ? 2 : 1] as const))('publishes %s at version %i, matching its schema', (type, version) => {
    const properties = eventSchemas[type]['properties'] as Record<string, { const?: unknown }>;
    expect(eventSchemaVersion(type)).toBe(version);
    expect(properties['type']?.const).toBe(type);
    expect(properties['dataschema']?.const).toBe(dataSchemaUri(type));
    expect(properties['source']?.const).toBe(EVENT_SOURCE);
  });

  it('recognises only known event types', () => {
    expect(isEventType('TransferSent')).toBe(true);
    expect(isEventType('TransferCompleted')).toBe(false);
    expect(isEventType(42)).toBe(false);
  });

  it('classifies the four balance-changing events as money events', () => {
    expect(sampleEvents.filter(isMoneyEvent).map((event) => event.type)).toEqual([...MONEY_EVENT_TYPES]);
    expect(isMoneyEvent(accountOpened)).toBe(false);
  });
});
