import { createHmac } from 'node:crypto';
import { CallbackFormatError, CallbackVerificationError, readCallback, type CallbackRequest } from '@bank/plugin-sdk';
import { createCallbackReader } from '@bank/plugin-sdk/config-compiler';
import { parseTwilioStatus, twilioCallbacks } from '../../src/index';
import { TWILIO_CONNECTION_OVERRIDES } from '../../src/status-callbacks';

const AUTH_TOKEN = 'test-auth-token-0123456789';
const URL = 'https://api.example.com/v1/webhooks/twilio';
const SID = `SM${'a1'.repeat(16)}`;
const NOW = new Date('2026-11-24T10:00:00.000Z');

/** Twilio's algorithm, written out: HMAC-SHA1 of the URL followed by each parameter name and value, sorted by name; base64. */
function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

function callback(params: Record<string, string>, options: { token?: string; url?: string; signature?: string | null; receivedAt?: string } = {}): CallbackRequest {
  const signature = options.signature === undefined ? twilioSignature(options.token ?? AUTH_TOKEN, options.url ?? URL, params) : options.signature;
  return {
    url: options.receivedAt ?? URL,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    rawBody: new URLSearchParams(params).toString(),
    now: NOW,
  };
}

const reader = createCallbackReader(twilioCallbacks, { authToken: AUTH_TOKEN });
const delivered = { AccountSid: `AC${'0'.repeat(32)}`, MessageSid: SID, SmsSid: SID, MessageStatus: 'delivered', SmsStatus: 'delivered', To: '+15555550100', From: '+15005550006', ApiVersion: '2010-04-01' };

describe('Twilio status callbacks', () => {
  it('reads a delivered callback signed with the auth token over the exact URL', () => {
    expect(readCallback(reader, callback(delivered))).toEqual([{ providerMessageId: SID, status: 'DELIVERED', occurredAt: NOW.toISOString() }]);
  });

  it('reads the notification key its StatusCallback URL carries, signed with the rest', () => {
    const keyed = `${URL}?notificationKey=evt-1%3Asms`;
    expect(readCallback(reader, callback(delivered, { url: keyed, receivedAt: keyed }))).toEqual([
      { providerMessageId: SID, notificationKey: 'evt-1:sms', status: 'DELIVERED', occurredAt: NOW.toISOString() },
    ]);
  });

  it('reads a callback signed over its StatusCallback URL with the connection overrides, or without them', () => {
    const keyed = `${URL}?notificationKey=evt-1%3Asms`;
    const expected = [{ providerMessageId: SID, notificationKey: 'evt-1:sms', status: 'DELIVERED', occurredAt: NOW.toISOString() }];
    expect(readCallback(reader, callback(delivered, { url: `${keyed}#${TWILIO_CONNECTION_OVERRIDES}`, receivedAt: keyed }))).toEqual(expected);
    expect(readCallback(reader, callback(delivered, { url: keyed, receivedAt: keyed }))).toEqual(expected);
    // Other overrides are not the plugin's: a signature over them matches neither URL.
    expect(() => readCallback(reader, callback(delivered, { url: `${keyed}#rc=5&rp=all`, receivedAt: keyed }))).toThrow(CallbackVerificationError);
  });

  it('refuses a callback whose notification key was changed after signing', () => {
    const signedFor = `${URL}?notificationKey=evt-1%3Asms`;
    const tampered = callback(delivered, { url: signedFor, receivedAt: `${URL}?notificationKey=evt-2%3Asms` });
    expect(() => readCallback(reader, tampered)).toThrow(expect.objectContaining({ name: 'CallbackVerificationError', reason: 'invalid' }));
  });

  it('refuses a callback signed without a notification key that arrives with one', () => {
    expect(() => readCallback(reader, callback(delivered, { receivedAt: `${URL}?notificationKey=evt-2%3Asms` }))).toThrow(CallbackVerificationError);
  });

  it('carries no notification key for a URL without one, or with one that is not a key', () => {
    expect(parseTwilioStatus(delivered, NOW, URL)[0]).not.toHaveProperty('notificationKey');
    expect(parseTwilioStatus(delivered, NOW, `${URL}?notificationKey=${'k'.repeat(600)}`)[0]).not.toHaveProperty('notificationKey');
    expect(parseTwilioStatus(delivered, NOW, `${URL}?notificationKey=a%0Ab`)[0]).not.toHaveProperty('notificationKey');
  });

  it('refuses a callback without a signature as missing', () => {
    expect(() => readCallback(reader, callback(delivered, { signature: null }))).toThrow(expect.objectContaining({ name: 'CallbackVerificationError', reason: 'missing' }));
  });

  it('refuses a callback signed with another auth token', () => {
    expect(() => readCallback(reader, callback(delivered, { token: 'someone-else' }))).toThrow(CallbackVerificationError);
  });

  it('refuses a callback signed for another URL', () => {
    expect(() => readCallback(reader, callback(delivered, { url: 'https://evil.example.com/webhooks/twilio' }))).toThrow(expect.objectContaining({ reason: 'invalid' }));
  });

  it('refuses a callback whose body was changed after signing', () => {
    const signed = callback(delivered);
    const tampered = { ...signed, rawBody: signed.rawBody.replace('delivered', 'undelivered') };
    expect(() => readCallback(reader, tampered)).toThrow(CallbackVerificationError);
  });

  it('maps sent, delivered, read, undelivered and failed, and leaves queued and sending out', () => {
    const status = (MessageStatus: string) => parseTwilioStatus({ MessageSid: SID, MessageStatus }, NOW).map((r) => r.status);
    expect(['sent', 'delivered', 'read', 'undelivered', 'failed', 'queued', 'sending'].map(status)).toEqual([
      ['SENT'],
      ['DELIVERED'],
      ['DELIVERED'],
      ['UNDELIVERED'],
      ['FAILED'],
      [],
      [],
    ]);
  });

  it.each(['21211', '21610', '21614', '30005', '30006', '63003'])('says the number is unreachable for good on error %s', (ErrorCode) => {
    expect(parseTwilioStatus({ MessageSid: SID, MessageStatus: 'undelivered', ErrorCode }, NOW)).toEqual([
      { providerMessageId: SID, status: 'UNDELIVERED', errorCode: ErrorCode, permanent: true, occurredAt: NOW.toISOString() },
    ]);
  });

  it.each(['30003', '30007', '30008'])('keeps error %s a plain undelivered (the phone or the carrier may come back)', (ErrorCode) => {
    expect(parseTwilioStatus({ MessageSid: SID, MessageStatus: 'undelivered', ErrorCode }, NOW)[0]).not.toHaveProperty('permanent');
  });

  it('never calls a delivered message unreachable, whatever the code', () => {
    expect(parseTwilioStatus({ MessageSid: SID, MessageStatus: 'delivered', ErrorCode: '21211' }, NOW)[0]).not.toHaveProperty('permanent');
  });

  it.each([
    ['no MessageSid', { MessageStatus: 'delivered' }],
    ['a MessageSid that is not a sid', { MessageSid: 'hello', MessageStatus: 'delivered' }],
    ['no MessageStatus', { MessageSid: SID }],
    ['a MessageStatus of another shape', { MessageSid: SID, MessageStatus: 'x'.repeat(100) }],
  ])('refuses a verified callback with %s as malformed', (_name, form) => {
    expect(() => readCallback(reader, callback(form))).toThrow(CallbackFormatError);
  });

  it('needs an auth token in its config', () => {
    expect(() => createCallbackReader(twilioCallbacks, {})).toThrow(expect.objectContaining({ name: 'PluginConfigError' }));
  });
});
