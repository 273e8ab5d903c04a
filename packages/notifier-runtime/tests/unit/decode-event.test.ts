import { decodeEvent, peekEventId } from '../../src/decode-event';
import { InvalidMessageError } from '../../src/errors';
import { depositEvent } from '../support/fixtures';

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
});

describe('peekEventId', () => {
  it('finds the id of raw and wrapped events and gives up on garbage', () => {
    expect(peekEventId(JSON.stringify({ id: 'e1' }))).toBe('e1');
    expect(peekEventId(JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ id: 'e2' }) }))).toBe('e2');
    expect(peekEventId('nope')).toBeUndefined();
  });
});
