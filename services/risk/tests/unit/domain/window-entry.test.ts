import { entryFromEvent, distinctByEvent } from '../../../src/domain/window-entry';
import { InvalidMessageError } from '../../../src/domain/errors';
import { at, deposit, T0, transferIn, transferOut, withdrawal } from '../../support/events';

describe('entryFromEvent', () => {
  it('keeps ids, direction, amount and time; nothing else', () => {
    const event = deposit('acct-1', 1_050, at(0), 'evt-1');
    expect(entryFromEvent(event)).toEqual({ accountId: 'acct-1', eventId: 'evt-1', eventType: 'MoneyDeposited', direction: 'in', amount: 1_050, at: T0 });
  });

  it.each([
    [withdrawal('a', 1, at(0)), 'out'],
    [transferOut('a', 'b', 1, at(0)), 'out'],
    [transferIn('a', 'b', 1, at(0)), 'in'],
  ] as const)('classifies %#', (event, direction) => {
    expect(entryFromEvent(event).direction).toBe(direction);
  });

  it('keeps the counterparty of a transfer', () => {
    expect(entryFromEvent(transferOut('a', 'b', 1, at(0))).counterpartyAccountId).toBe('b');
  });

  it('refuses a time it cannot place', () => {
    expect(() => entryFromEvent({ ...deposit('a', 1, at(0)), time: 'yesterday' })).toThrow(InvalidMessageError);
  });
});

describe('distinctByEvent', () => {
  it('keeps one entry per event id, in time order', () => {
    const early = entryFromEvent(deposit('a', 1, at(0)));
    const late = entryFromEvent(withdrawal('a', 1, at(1)));
    expect(distinctByEvent([late, early, late])).toEqual([early, late]);
  });
});
