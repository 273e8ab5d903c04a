import { definePlugin, PermanentError, RetryableError } from '../../../src/index';
import { describePluginConformance, type FakeHttpProvider, startFakeHttpProvider } from '../../../src/testing/index';

// A minimal HTTP plugin that follows the contract, to run the kit itself against.
const reference = definePlugin<{ url: string; timeoutMs: number }>({
  id: 'reference',
  channel: 'push',
  version: '2.0.1-beta.1',
  configSchema: {
    type: 'object',
    required: ['url'],
    additionalProperties: false,
    properties: { url: { type: 'string', format: 'uri' }, timeoutMs: { type: 'integer', minimum: 1, default: 1000 } },
  },
  create: (config) => ({
    async send(message) {
      let response: Response;
      try {
        response = await fetch(config.url, { method: 'POST', body: message.body, signal: AbortSignal.timeout(config.timeoutMs) });
      } catch (error) {
        throw new RetryableError('network', { cause: error });
      }
      if (response.status === 429 || response.status >= 500) throw new RetryableError('busy', { status: response.status });
      if (!response.ok) throw new PermanentError('rejected', { status: response.status });
      return { providerMessageId: response.headers.get('x-id') ?? '' };
    },
  }),
});

let fake: FakeHttpProvider;
const message = { channel: 'push', to: 'token', body: 'hello', idempotencyKey: 'e:push', eventType: 'MoneyDeposited' };
const scenario = () => ({ config: { url: fake.url, timeoutMs: 200 }, message });

describePluginConformance({
  plugin: reference,
  validConfig: { url: 'https://push.invalid/' },
  invalidConfigs: { 'no url': {}, 'an unknown property': { url: 'https://push.invalid/', colour: 'red' } },
  sampleMessage: message,
  setup: async () => {
    fake = await startFakeHttpProvider(() => ({ status: 200, headers: { 'x-id': 'ref-1' } }));
    return { config: { url: fake.url }, teardown: () => fake.close() };
  },
  verifySent: (result) => {
    expect(result.providerMessageId).toBe('ref-1');
    expect(fake.requests.at(-1)?.body).toBe('hello');
  },
  scenarios: {
    retryable: {
      'HTTP 429': () => {
        fake.script({ status: 429 });
        return scenario();
      },
      'a hanging response': () => {
        fake.script({ hang: true });
        return scenario();
      },
    },
    permanent: {
      'HTTP 404': () => {
        fake.script({ status: 404 });
        return scenario();
      },
    },
  },
});
