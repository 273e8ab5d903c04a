/**
 * Generates a new channel plugin package (files by relative path). Pure: the CLI in main.ts writes
 * them. The skeleton POSTs JSON to a configured endpoint and already passes the conformance kit.
 */

export interface ScaffoldOptions {
  /** Package directory and plugin name, e.g. `push-fcm` (→ `@bank/plugin-push-fcm`). */
  readonly name: string;
  /** Channel id the plugin serves, e.g. `push`. */
  readonly channel: string;
}

export class ScaffoldError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScaffoldError';
  }
}

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Provider id: the name without a leading `<channel>-` (`push-fcm` on channel `push` → `fcm`). */
export function providerIdFor({ name, channel }: ScaffoldOptions): string {
  return name.startsWith(`${channel}-`) && name.length > channel.length + 1 ? name.slice(channel.length + 1) : name;
}

function packageJson(name: string): string {
  const pkg = {
    name: `@bank/plugin-${name}`,
    version: '0.1.0',
    private: true,
    license: 'MIT',
    exports: { '.': './src/index.ts' },
    scripts: {
      build: 'tsc -p tsconfig.json --noEmit',
      typecheck: 'tsc -p tsconfig.json --noEmit',
      lint: 'eslint src tests',
      test: 'jest --passWithNoTests',
    },
    dependencies: { '@bank/plugin-sdk': '*' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const TSCONFIG = `{
  "extends": "../../tsconfig.base.json",
  "include": [
    "src",
    "tests"
  ]
}
`;

const JEST_CONFIG = `module.exports = require('../../jest.preset.js').preset(__dirname);
`;

/** `fcm` → `FCM`: the prefix of the plugin's environment variables and the name of its secret's variables. */
function envPrefix(id: string): string {
  return id.replace(/[^a-z0-9]+/gi, '_').toUpperCase();
}

function indexTs(id: string, channel: string): string {
  const env = envPrefix(id);
  return `import { definePlugin, PermanentError, requireProviderUrl, RetryableError, type OutboundMessage } from '@bank/plugin-sdk';

/** Replace with your provider's API; the local stack points the plugin at the sandbox instead. */
export const PROVIDER_URL = 'https://provider.invalid/messages';

export interface Config {
  /** HTTPS endpoint that accepts one notification as JSON. */
  readonly endpoint: string;
  /** Sent as a bearer token. */
  readonly apiKey: string;
  readonly timeoutMs: number;
}

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiKey'],
  properties: {
    endpoint: { type: 'string', format: 'uri', default: PROVIDER_URL },
    apiKey: { type: 'string', minLength: 1 },
    timeoutMs: { type: 'integer', minimum: 1, maximum: 60000, default: 10000 },
  },
} as const;

function failureFor(status: number): RetryableError | PermanentError {
  const failure = { status, providerCode: status };
  if (status === 429 || status >= 500) return new RetryableError(\`provider answered \${status}\`, failure);
  return new PermanentError(\`provider rejected the message with \${status}\`, failure);
}

async function post(config: Config, message: OutboundMessage): Promise<Response> {
  try {
    return await fetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey, authorization: \`Bearer \${config.apiKey}\` },
      body: JSON.stringify({ to: message.to, subject: message.subject, title: message.title, body: message.body, eventType: message.eventType }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    // Timeouts, refused connections, resets: the provider may well answer next time.
    throw new RetryableError(\`request failed: \${(error as Error).name}\`, { cause: error });
  }
}

/** The provider's id for the message, or ours when it gives none: it was accepted, so never resend for a missing id. */
async function messageIdOf(response: Response, message: OutboundMessage): Promise<string> {
  const answer = (await response.json().catch(() => ({}))) as { id?: unknown };
  if (typeof answer.id === 'string' && answer.id !== '') return answer.id;
  return response.headers.get('x-message-id') ?? \`${id}:\${message.idempotencyKey}\`;
}

export default definePlugin<Config>({
  id: '${id}',
  channel: '${channel}',
  version: '0.1.0',
  configSchema,
  // In AWS: secret bank/providers/${id} holds {"apiKey": "..."}; the manifest reads it as \${${env}_API_KEY}.
  secrets: [{ name: '${id}', keys: ['apiKey'] }],
  // Locally: the sandbox captures what the plugin sends (GET {sandboxUrl}/api/messages?channel=${channel}).
  local: { env: { ${env}_ENDPOINT: '{sandboxUrl}/generic/${channel}/messages', ${env}_API_KEY: 'local' } },
  // Outside the local stack the key goes only to the provider's own host, over https.
  productionProblems: (config) => [requireProviderUrl('endpoint', config.endpoint, [new URL(PROVIDER_URL).host])].filter((p): p is string => p !== undefined),
  create(config) {
    return {
      async send(message) {
        const response = await post(config, message);
        if (!response.ok) throw failureFor(response.status);
        return { providerMessageId: await messageIdOf(response, message) };
      },
    };
  },
});
`;
}

function testTs(name: string, channel: string, providerId: string): string {
  return `import { describePluginConformance, type FakeHttpProvider, startFakeHttpProvider } from '@bank/plugin-sdk/testing';
import plugin from '../../src/index';

let provider: FakeHttpProvider;
const message = {
  channel: '${channel}',
  to: 'recipient-token',
  body: 'Alert: $500 withdrawn from your account. Available balance: $4500.',
  idempotencyKey: 'evt-1:${channel}',
  eventType: 'MoneyWithdrawn',
};
const configFor = (fake: FakeHttpProvider) => ({ endpoint: \`\${fake.url}/send\`, apiKey: 'test-key', timeoutMs: 300 });

describePluginConformance({
  plugin,
  validConfig: { apiKey: 'test-key' },
  invalidConfigs: {
    'no apiKey': {},
    'an endpoint that is not a URI': { apiKey: 'k', endpoint: 'not a url' },
    'a zero timeout': { apiKey: 'k', timeoutMs: 0 },
  },
  sampleMessage: message,
  setup: async () => {
    provider = await startFakeHttpProvider(() => ({ status: 200, body: { id: 'msg-1' } }));
    return { config: configFor(provider), teardown: () => provider.close() };
  },
  verifySent: () => {
    expect(JSON.parse(provider.requests.at(-1)?.body ?? '{}')).toMatchObject({ to: message.to, body: message.body });
  },
  scenarios: {
    retryable: {
      'HTTP 429': () => {
        provider.script({ status: 429 });
        return { config: configFor(provider), message };
      },
      'HTTP 503': () => {
        provider.script({ status: 503 });
        return { config: configFor(provider), message };
      },
      'a timeout': () => {
        provider.script({ hang: true });
        return { config: configFor(provider), message };
      },
    },
    permanent: {
      'HTTP 400': () => {
        provider.script({ status: 400, body: { error: 'invalid recipient' } });
        return { config: configFor(provider), message };
      },
    },
  },
});

describe('a provider that answers without a message id', () => {
  it('counts as sent, under an id of ours', async () => {
    const fake = await startFakeHttpProvider(() => ({ status: 202 }));
    try {
      const result = await plugin.create({ ...configFor(fake), timeoutMs: 300 }).send(message);
      expect(result.providerMessageId).toBe(\`${providerId}:\${message.idempotencyKey}\`);
    } finally {
      await fake.close();
    }
  });
});
`;
}

function readme(name: string, id: string, channel: string): string {
  const env = envPrefix(id);
  return `# @bank/plugin-${name}

Channel plugin \`${channel}/${id}\`: POSTs each notification as JSON to the provider's endpoint.

| config | type | required | default | meaning |
|---|---|---|---|---|
| \`apiKey\` | string | yes | – | sent as \`Authorization: Bearer …\`; secret \`${id}\`, key \`apiKey\` |
| \`endpoint\` | URI | no | \`PROVIDER_URL\` in \`src/index.ts\` | where notifications are POSTed |
| \`timeoutMs\` | integer | no | 10000 | request timeout |

Failures: 429, 5xx, timeouts and network errors → \`RetryableError\`; other 4xx → \`PermanentError\`.
An answer without a message id counts as sent (\`${id}:<idempotencyKey>\`).

Manifest entry (in \`services/<notifier>/manifest.json\`, the notifier channel \`${channel}\`'s declaration names):

\`\`\`json
{ "plugin": "@bank/plugin-${name}", "config": { "apiKey": "\${${env}_API_KEY}", "endpoint": "\${${env}_ENDPOINT:-https://provider.invalid/messages}" } }
\`\`\`

In AWS the stack creates secret \`bank/providers/${id}\` (\`{"apiKey": "…"}\`) from the plugin's \`secrets\`
declaration; locally \`npm start\` sets \`${env}_ENDPOINT\` and \`${env}_API_KEY\` from its \`local\` declaration,
so messages land in the sandbox (\`/api/messages?channel=${channel}\`). Anywhere else the host refuses an
\`endpoint\` that is not https on \`PROVIDER_URL\`'s host (\`productionProblems\`).

Tests: \`npx jest\` runs the SDK conformance kit against a fake provider.
`;
}

export function scaffoldPlugin(options: ScaffoldOptions): Record<string, string> {
  if (!KEBAB.test(options.name)) throw new ScaffoldError(`--name must be kebab-case (e.g. push-fcm), got "${options.name}"`);
  if (!KEBAB.test(options.channel)) throw new ScaffoldError(`--channel must be kebab-case (e.g. push), got "${options.channel}"`);
  const id = providerIdFor(options);
  return {
    'package.json': packageJson(options.name),
    'tsconfig.json': TSCONFIG,
    'jest.config.js': JEST_CONFIG,
    'src/index.ts': indexTs(id, options.channel),
    'tests/unit/plugin.test.ts': testTs(options.name, options.channel, id),
    'README.md': readme(options.name, id, options.channel),
  };
}
