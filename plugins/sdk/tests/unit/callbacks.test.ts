import {
  callbackProvidersOf,
  callbackUrl,
  CallbackVerificationError,
  defineCallbacks,
  definePlugin,
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
