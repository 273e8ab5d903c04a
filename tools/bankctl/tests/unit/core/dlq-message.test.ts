import {
  ageMs,
  decodeMessage,
  deliveryIdOf,
  failureFromAttributes,
  failureFromDeliveryRecord,
  formatFailure,
  summarizeEvent,
  type MessageAttributes,
  type RawDlqMessage,
} from '../../../src/core/dlq-message';

const s = (value: string): { DataType: string; StringValue: string } => ({ DataType: 'String', StringValue: value });

function raw(overrides: Partial<RawDlqMessage> = {}): RawDlqMessage {
  return {
    messageId: 'm-1',
    receiptHandle: 'rh-1',
    body: JSON.stringify({ id: 'ev-1', type: 'MoneyDeposited', subject: 'acct-S', time: '2025-01-01T00:00:00Z', data: { accountId: 'acct-D' } }),
    attributes: {},
    receiveCount: 6,
    sentTimestamp: 1_000_000,
    ...overrides,
  };
}

const permanent: MessageAttributes = {
  'failure-class': s('PermanentError'),
  'failure-reason': s('opted out'),
  'failure-code': s('OPTED_OUT'),
  'failure-provider': s('sms-twilio'),
  'failure-attempts': { DataType: 'Number', StringValue: '2' },
  'failed-at': s('2025-01-01T00:10:00.000Z'),
};

describe('summarizeEvent', () => {
  it('reads id, type, time and the account from data.accountId', () => {
    expect(summarizeEvent(JSON.parse(raw().body))).toEqual({ id: 'ev-1', type: 'MoneyDeposited', accountId: 'acct-D', time: '2025-01-01T00:00:00Z' });
  });

  it('falls back to the subject for the account', () => {
    expect(summarizeEvent({ id: 'x', subject: 'acct-S' }).accountId).toBe('acct-S');
  });

  it('tolerates bodies that are not CloudEvents', () => {
    expect(summarizeEvent('text')).toEqual({ id: undefined, type: undefined, accountId: undefined, time: undefined });
    expect(summarizeEvent({ id: 7, data: 'x' }).id).toBeUndefined();
  });
});

describe('failureFromAttributes', () => {
  it('reads the notifier bookkeeping attributes', () => {
    expect(failureFromAttributes(permanent)).toEqual({
      source: 'attributes',
      class: 'PermanentError',
      reason: 'opted out',
      code: 'OPTED_OUT',
      provider: 'sms-twilio',
      attempts: 2,
      at: '2025-01-01T00:10:00.000Z',
    });
  });

  it('returns nothing when the message carries no failure attributes', () => {
    expect(failureFromAttributes({ type: s('MoneyDeposited') })).toBeUndefined();
  });
});

describe('failureFromDeliveryRecord', () => {
  it('reads lastError and the attempt count', () => {
    const record = { attempts: 5, lastError: { class: 'RetryableError', reason: 'timeout', at: '2025-01-01T00:05:00Z' } };
    expect(failureFromDeliveryRecord(record)).toMatchObject({ source: 'delivery-record', class: 'RetryableError', reason: 'timeout', attempts: 5 });
  });

  it('returns nothing for a record without lastError or no record', () => {
    expect(failureFromDeliveryRecord({ attempts: 1 })).toBeUndefined();
    expect(failureFromDeliveryRecord(undefined)).toBeUndefined();
  });
});

describe('decodeMessage', () => {
  it('prefers the attributes over the delivery record', () => {
    const decoded = decodeMessage(raw({ attributes: permanent }), { lastError: { class: 'RetryableError' } });
    expect(decoded.failure?.source).toBe('attributes');
  });

  it('uses the delivery record for a message SQS moved', () => {
    expect(decodeMessage(raw(), { lastError: { class: 'RetryableError' } }).failure?.source).toBe('delivery-record');
  });

  it('keeps a body that is not JSON', () => {
    const decoded = decodeMessage(raw({ body: 'not json' }));
    expect(decoded.payload).toBeUndefined();
    expect(decoded.event.id).toBeUndefined();
  });
});

describe('ageMs', () => {
  const now = Date.parse('2025-01-01T01:00:00.000Z');

  it('counts from the failure time when known', () => {
    expect(ageMs(decodeMessage(raw({ attributes: permanent })), now)).toBe(50 * 60_000);
  });

  it('falls back to SentTimestamp', () => {
    expect(ageMs(decodeMessage(raw({ sentTimestamp: now - 1_000 })), now)).toBe(1_000);
  });

  it('is unknown without either', () => {
    expect(ageMs(decodeMessage(raw({ sentTimestamp: undefined })), now)).toBeUndefined();
  });
});

describe('deliveryIdOf', () => {
  it('is <eventId>#<channel>', () => {
    expect(deliveryIdOf(summarizeEvent({ id: 'ev-1' }), 'sms')).toBe('ev-1#sms');
    expect(deliveryIdOf(summarizeEvent({}), 'sms')).toBeUndefined();
  });
});

describe('formatFailure', () => {
  it('prints class, code, provider and reason on one line', () => {
    expect(formatFailure(failureFromAttributes(permanent))).toBe('PermanentError OPTED_OUT (sms-twilio): opted out');
  });

  it('says when the reason is unknown', () => {
    expect(formatFailure(undefined)).toMatch(/^unknown/);
  });
});
