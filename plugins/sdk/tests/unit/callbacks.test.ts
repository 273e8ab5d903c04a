import {
  callbackProvidersOf,
  callbackUrl,
  CallbackVerificationError,
  defineCallbacks,
  definePlugin,
  MAX_NOTIFICATION_KEY_LENGTH,
  needsMessageLookup,
  notificationKeyOf,
  readCallback,
  requireHeader,
  type CallbackRequest,
} from '../../src/index';
import { createCallbackReader } from '../../src/config-compiler';

const request: CallbackRequest = { url: 'https://api.example.com/webhooks/acme', headers: { 'x-acme-signature': 'ok' }, rawBody: 'id=m1', now: new Date(0) };

const acme = defineCallbacks<{ key: string }>({
  provider: 'acme',
  configSchema: { type: 'object', required: ['key'], properties: { key: { type: 'string', minLength: 1 } } },
  config: { key: '${ACME_KEY}' },
  create: (config) => ({
    verify: (req) => {
      if (requireHeader(req, 'X-Acme-Signature') !== 'ok' || config.key !== 'k') throw new CallbackVerificationError('invalid', 'bad');
    },
    parse: (req) => [{ providerMessageId: req.rawBody.slice(3), status: 'DELIVERED', occurredAt: req.now.toISOString() }],
  }),
});
const plugin = (id: string, channel: string, callbacks = acme) =>
  definePlugin({ id, channel, version: '1.0.0', configSchema: {}, callbacks, create: () => ({ send: async () => ({ providerMessageId: 'x' }) }) });

describe('status callbacks', () => {
  it('builds the public callback URL of a provider from the API base URL', () => {
    expect(callbackUrl('https://api.example.com/v1/', 'acme')).toBe('https://api.example.com/v1/webhooks/acme');
  });

  it('verifies before it reads', () => {
    const reader = createCallbackReader(acme, { key: 'k' });
    expect(readCallback(reader, request)).toEqual([{ providerMessageId: 'm1', status: 'DELIVERED', occurredAt: '1970-01-01T00:00:00.000Z' }]);
    expect(() => readCallback(reader, { ...request, headers: {} })).toThrow(expect.objectContaining({ reason: 'missing' }));
  });

  it('validates the config against the declared schema before creating the reader', () => {
    expect(() => createCallbackReader(acme, {})).toThrow(expect.objectContaining({ name: 'PluginConfigError', message: expect.stringContaining('provider acme') }));
  });

  it('finds one declaration per provider id, shared by the plugins of one vendor', () => {
    const providers = callbackProvidersOf([plugin('acme', 'sms'), plugin('acme', 'whatsapp'), definePlugin({ ...plugin('other', 'email'), callbacks: undefined })]);
    expect([...providers.keys()]).toEqual(['acme']);
  });

  it('refuses two different declarations under one provider id', () => {
    expect(() => callbackProvidersOf([plugin('acme', 'sms'), plugin('acme', 'whatsapp', { ...acme })])).toThrow(expect.objectContaining({ name: 'PluginConfigError' }));
  });
});

describe('needsMessageLookup', () => {
  it('needs a lookup for a plugin whose status reports do not carry the notification key', () => {
    expect(needsMessageLookup({ callbacks: acme })).toBe(true);
    expect(needsMessageLookup({ callbacks: acme, statusReportsCarryKey: false })).toBe(true);
  });

  it('needs none for a plugin whose reports carry the key, nor for one without callbacks', () => {
    expect(needsMessageLookup({ callbacks: acme, statusReportsCarryKey: true })).toBe(false);
    expect(needsMessageLookup({})).toBe(false);
    expect(needsMessageLookup({ statusReportsCarryKey: true })).toBe(false);
  });
});

describe('notificationKeyOf', () => {
  it('keeps a key as the provider echoed it', () => {
    expect(notificationKeyOf('evt-1:push:sub 1')).toBe('evt-1:push:sub 1');
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['too long', 'k'.repeat(MAX_NOTIFICATION_KEY_LENGTH + 1)],
    ['with a control character', 'evt-1:sms\n'],
    ['not ASCII', 'évt-1:sms'],
  ])('gives nothing for a value %s', (_name, value) => {
    expect(notificationKeyOf(value)).toBeUndefined();
  });
});
