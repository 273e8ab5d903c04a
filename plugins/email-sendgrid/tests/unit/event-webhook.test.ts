import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { CallbackFormatError, CallbackVerificationError, readCallback, type CallbackRequest } from '@bank/plugin-sdk';
import { createCallbackReader } from '@bank/plugin-sdk/config-compiler';
import { parseSendgridEvents, sendgridCallbacks } from '../../src/index';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
const MESSAGE_ID = 'W86EgYT6SQKk0lRflfLRsA';

/** A key pair as SendGrid's: ECDSA P-256; the verification key is the base64 DER (SPKI) of the public half. */
function keyPair(): { privateKey: KeyObject; verificationKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, verificationKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

const signer = keyPair();
const reader = createCallbackReader(sendgridCallbacks, { publicKey: signer.verificationKey, toleranceSeconds: 300 });

/** SendGrid's signature: ECDSA with SHA-256 over the timestamp followed by the payload, DER, base64. */
function signed(events: unknown, options: { key?: KeyObject; timestamp?: number; signature?: string | null } = {}): CallbackRequest {
  const rawBody = JSON.stringify(events);
  const timestamp = String(options.timestamp ?? NOW_SECONDS);
  const signature = options.signature === undefined ? sign('sha256', Buffer.from(timestamp + rawBody), options.key ?? signer.privateKey).toString('base64') : options.signature;
  return {
    url: 'https://api.example.com/v1/webhooks/sendgrid',
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-timestamp': timestamp,
      ...(signature === null ? {} : { 'x-twilio-email-event-webhook-signature': signature }),
    },
    rawBody,
    now: NOW,
  };
}

const event = (fields: Record<string, unknown>) => ({
  email: 'ada@example.com',
  timestamp: NOW_SECONDS - 5,
  sg_event_id: 'ZGVsaXZlcmVk',
  sg_message_id: `${MESSAGE_ID}.filterdrecv-p3las1-5bf99c48d-8xzlb-18-5F1F7C2A-8C.0`,
  ...fields,
});

describe('SendGrid Event Webhook', () => {
  it('reads a signed delivered event under the id the plugin recorded (the sg_message_id prefix)', () => {
    expect(readCallback(reader, signed([event({ event: 'delivered' })]))).toEqual([
      { providerMessageId: MESSAGE_ID, status: 'DELIVERED', occurredAt: new Date((NOW_SECONDS - 5) * 1000).toISOString() },
    ]);
  });

  it('carries the idempotencyKey custom argument each event echoes as the notification key', () => {
    const reports = readCallback(reader, signed([event({ event: 'delivered', idempotencyKey: 'evt-1:email', eventType: 'MoneyDeposited' }), event({ event: 'bounce', type: 'bounce', status: '5.1.1' })]));
    expect(reports.map((r) => r.notificationKey)).toEqual(['evt-1:email', undefined]);
    expect(reports[1]).not.toHaveProperty('notificationKey');
  });

  it('carries no notification key for an idempotencyKey that is not a string key', () => {
    const reports = parseSendgridEvents(JSON.stringify([event({ event: 'delivered', idempotencyKey: 42 }), event({ event: 'delivered', idempotencyKey: '' })]), NOW);
    expect(reports.every((r) => !('notificationKey' in r))).toBe(true);
  });

  it('refuses a batch without the signature header as missing', () => {
    expect(() => readCallback(reader, signed([event({ event: 'delivered' })], { signature: null }))).toThrow(
      expect.objectContaining({ name: 'CallbackVerificationError', reason: 'missing' }),
    );
  });

  it('refuses a batch signed with another key', () => {
    expect(() => readCallback(reader, signed([event({ event: 'delivered' })], { key: keyPair().privateKey }))).toThrow(expect.objectContaining({ reason: 'invalid' }));
  });

  it('refuses a batch whose body changed after signing', () => {
    const request = signed([event({ event: 'delivered' })]);
    expect(() => readCallback(reader, { ...request, rawBody: request.rawBody.replace('delivered', 'bounce') })).toThrow(CallbackVerificationError);
  });

  it('refuses a signature that is not base64 DER as invalid, not as a crash', () => {
    expect(() => readCallback(reader, signed([], { signature: 'not-a-signature' }))).toThrow(expect.objectContaining({ reason: 'invalid' }));
  });

  it('refuses a correctly signed batch whose timestamp is older than the tolerance (a replay)', () => {
    expect(() => readCallback(reader, signed([event({ event: 'delivered' })], { timestamp: NOW_SECONDS - 301 }))).toThrow(expect.objectContaining({ reason: 'stale' }));
  });

  it('refuses a timestamp from the future beyond the tolerance', () => {
    expect(() => readCallback(reader, signed([], { timestamp: NOW_SECONDS + 301 }))).toThrow(expect.objectContaining({ reason: 'stale' }));
  });

  it('calls a hard bounce BOUNCED and permanent, with the SMTP status as code', () => {
    expect(parseSendgridEvents(JSON.stringify([event({ event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 no such user ada@example.com' })]), NOW)).toEqual([
      expect.objectContaining({ status: 'BOUNCED', permanent: true, errorCode: '5.1.1' }),
    ]);
  });

  it('calls a blocked message UNDELIVERED, not permanent (the address may still work)', () => {
    const [report] = parseSendgridEvents(JSON.stringify([event({ event: 'bounce', type: 'blocked', status: '5.7.1' })]), NOW);
    expect(report).toEqual(expect.objectContaining({ status: 'UNDELIVERED', errorCode: '5.7.1' }));
    expect(report).not.toHaveProperty('permanent');
  });

  it('calls a drop of a bounced or invalid address permanent, other drops not', () => {
    const reports = parseSendgridEvents(
      JSON.stringify([event({ event: 'dropped', reason: 'Bounced Address' }), event({ event: 'dropped', reason: 'Invalid' }), event({ event: 'dropped', reason: 'Unsubscribed Address' })]),
      NOW,
    );
    expect(reports.map((r) => [r.status, r.errorCode, r.permanent])).toEqual([
      ['FAILED', 'bounced-address', true],
      ['FAILED', 'invalid-address', true],
      ['FAILED', 'unsubscribed-address', undefined],
    ]);
  });

  it('reads deferred as still SENT and leaves processed, open and click out', () => {
    const reports = parseSendgridEvents(JSON.stringify(['deferred', 'processed', 'open', 'click'].map((name) => event({ event: name }))), NOW);
    expect(reports.map((r) => r.status)).toEqual(['SENT']);
  });

  it('keeps no free text: no reason, no address, no response in a report', () => {
    const text = JSON.stringify(parseSendgridEvents(JSON.stringify([event({ event: 'bounce', reason: 'mailbox ada@example.com unknown', response: 'ada@example.com' })]), NOW));
    expect(text).not.toContain('ada@');
  });

  it.each([
    ['not JSON', '{'],
    ['not an array', '{"event":"delivered"}'],
    ['an event that is not an object', '[1]'],
    ['an event without a name', '[{"sg_message_id":"abcdefgh"}]'],
  ])('refuses a body that is %s as malformed', (_name, body) => {
    expect(() => parseSendgridEvents(body, NOW)).toThrow(CallbackFormatError);
  });

  it('needs a verification key in its config and defaults the tolerance to 5 minutes', () => {
    expect(() => createCallbackReader(sendgridCallbacks, {})).toThrow(expect.objectContaining({ name: 'PluginConfigError' }));
    expect(() => readCallback(createCallbackReader(sendgridCallbacks, { publicKey: signer.verificationKey }), signed([], { timestamp: NOW_SECONDS - 299 }))).not.toThrow();
  });
});
