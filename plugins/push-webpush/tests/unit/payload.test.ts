import { PermanentError, type OutboundMessage } from '@bank/plugin-sdk';
import { payloadOf, subscriptionOf } from '../../src/payload';

const keys = { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 1).toString('base64url') };
const message: OutboundMessage = {
  channel: 'push',
  to: 'https://push.example.test/sub/1',
  toAttributes: keys,
  title: 'Deposit received',
  body: 'Alert: $1000 deposited to your account. Available balance: $5000.',
  data: { eventType: 'MoneyDeposited', accountSuffix: '6789', transactionId: 'tx-1', amount: '$1000' },
  idempotencyKey: 'tx-1:push:1',
  eventType: 'MoneyDeposited',
};

describe('payloadOf', () => {
  it('is the JSON a service worker shows: title, body and ids only in data', () => {
    expect(JSON.parse(payloadOf(message))).toEqual({
      title: 'Deposit received',
      body: message.body,
      data: { eventType: 'MoneyDeposited', accountSuffix: '6789', transactionId: 'tx-1' },
    });
  });

  it('refuses a payload that cannot fit one push message', () => {
    expect(() => payloadOf({ ...message, body: 'x'.repeat(4000) })).toThrow(PermanentError);
  });
});

describe('subscriptionOf', () => {
  it('takes the endpoint from to and the keys from the address attributes', () => {
    expect(subscriptionOf(message)).toEqual({ endpoint: message.to, keys });
  });

  it.each([
    ['an http endpoint', { ...message, to: 'http://push.example.test/1' }],
    ['no keys', { ...message, toAttributes: undefined }],
    ['a short p256dh', { ...message, toAttributes: { ...keys, p256dh: 'AAAA' } }],
    ['a short auth', { ...message, toAttributes: { ...keys, auth: 'AAAA' } }],
  ])('refuses %s, without quoting the endpoint', (_name, bad) => {
    expect(() => subscriptionOf(bad as OutboundMessage)).toThrow(PermanentError);
    try {
      subscriptionOf(bad as OutboundMessage);
    } catch (error) {
      expect((error as Error).message).not.toContain('push.example.test');
    }
  });
});
