import { decodeEvent, peekEventId } from '../../src/decode-event';
import { InvalidMessageError } from '../../src/errors';
import { isNotifiedEvent } from '@bank/schemas';
import { accountOpenedEvent, depositEvent } from '../support/fixtures';

describe('decodeEvent', () => {
  it('accepts a raw CloudEvent body', () => {
    expect(decodeEvent(JSON.stringify(depositEvent())).id).toBe(depositEvent().id);
  });

  it('unwraps an SNS notification envelope', () => {
    const body = JSON.stringify({ Type: 'Notification', MessageId: 'm', Message: JSON.stringify(depositEvent()) });
    expect(decodeEvent(body).type).toBe('MoneyDeposited');
  });

  it('rejects a body that is not JSON', () => {
    expect(() => decodeEvent('{not json')).toThrow(expect.objectContaining({ name: 'InvalidMessageError', code: 'INVALID_JSON' }));
  });

  it('rejects an event that fails its schema and lists the problems', () => {
    const event = { ...depositEvent(), data: { ...depositEvent().data, amount: -5 } };
    let error: unknown;
    try {
      decodeEvent(JSON.stringify(event));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidMessageError);
    expect((error as InvalidMessageError).code).toBe('INVALID_EVENT');
    expect((error as InvalidMessageError).errors.length).toBeGreaterThan(0);
  });

  it('checks the data of the other types a channel subscribes to too (HoldDeclined without its amount)', () => {
    const data = { accountId: depositEvent().subject, holdId: 'h1', debitType: 'WITHDRAWAL', amount: 100, currency: 'USD', availableBalance: 400, outcome: 'DECLINED' };
    const declined = { ...depositEvent(), type: 'HoldDeclined', dataschema: 'urn:bank:events:HoldDeclined:v1', data };
    const { amount: _left, ...withoutAmount } = data;
    expect(decodeEvent(JSON.stringify(declined)).type).toBe('HoldDeclined');
    expect(() => decodeEvent(JSON.stringify({ ...declined, data: withoutAmount }))).toThrow(expect.objectContaining({ name: 'InvalidMessageError', code: 'INVALID_EVENT' }));
  });

  it('checks only the envelope of a type no channel subscribes to, and marks it as not rendered', () => {
    const unchecked = decodeEvent(JSON.stringify({ ...accountOpenedEvent(), data: { anything: true } }));
    expect(unchecked.type).toBe('AccountOpened');
    expect(isNotifiedEvent(unchecked)).toBe(false);
    expect(isNotifiedEvent(decodeEvent(JSON.stringify(depositEvent())))).toBe(true);
    expect(() => decodeEvent(JSON.stringify({ ...accountOpenedEvent(), source: 'elsewhere' }))).toThrow(expect.objectContaining({ code: 'INVALID_EVENT' }));
  });
});

describe('peekEventId', () => {
  it('finds the id of raw and wrapped events and gives up on garbage', () => {
    expect(peekEventId(JSON.stringify({ id: 'e1' }))).toBe('e1');
    expect(peekEventId(JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ id: 'e2' }) }))).toBe('e2');
    expect(peekEventId('nope')).toBeUndefined();
  });
});
