import { twilioCallbacks } from './status-callbacks';
import { requireProviderUrl } from '@bank/plugin-sdk';
import { TWILIO_API_URL } from './twilio-client';

export interface SmsTwilioConfig {
  readonly accountSid: string;
  readonly authToken: string;
  /** Sender number (E.164); or use a Messaging Service. */
  readonly from?: string;
  readonly messagingServiceSid?: string;
  /** API base URL; point it at a sandbox to test without Twilio. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Bodies costing more segments are refused before any call (cost guard). */
  readonly maxSegments: number;
  /** The API's public base URL; when set, each message asks for status callbacks at `<it>/webhooks/twilio`. */
  readonly publicApiUrl: string;
}

/**
 * The parts of a config schema every Twilio channel shares (account, sender choice, endpoint,
 * timeout); each plugin adds its own `from` format and options.
 */
export const twilioAccountSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['accountSid', 'authToken'],
  anyOf: [{ required: ['from'] }, { required: ['messagingServiceSid'] }],
  properties: {
    accountSid: { type: 'string', pattern: '^AC[0-9a-fA-F]{32}$' },
    authToken: { type: 'string', minLength: 1 },
    messagingServiceSid: { type: 'string', pattern: '^MG[0-9a-fA-F]{32}$' },
    baseUrl: { type: 'string', format: 'uri', pattern: '^https?://', default: TWILIO_API_URL },
    timeoutMs: { type: 'integer', minimum: 1, maximum: 120000, default: 10000 },
    // Empty: no status callbacks (Twilio is not asked for any).
    publicApiUrl: { type: 'string', pattern: '^(https?://[^\\s]+)?$', default: '' },
  },
} as const;

/**
 * What every Twilio plugin needs from its host: the account credentials from secret `twilio`
 * (`${TWILIO_ACCOUNT_SID}`, `${TWILIO_AUTH_TOKEN}` in the manifest) and, locally, the sandbox in
 * place of the API with credentials the sandbox accepts.
 */
export const twilioHostNeeds = {
  secrets: [{ name: 'twilio', keys: ['accountSid', 'authToken'] }],
  // The sandbox signs its status callbacks with its own auth token, as Twilio does with the account's.
  local: { env: { TWILIO_BASE_URL: '{sandboxUrl}', TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: '{twilioAuthToken}' } },
  callbacks: twilioCallbacks,
  // Each message's StatusCallback URL carries its idempotency key (statusCallbackOf), read back by the callbacks.
  statusReportsCarryKey: true,
  /** Outside the local stack, only Twilio's own API: the credentials never go anywhere else. */
  productionProblems: (config: { readonly baseUrl: string; readonly publicApiUrl: string }): readonly string[] =>
    [
      requireProviderUrl('baseUrl', config.baseUrl, [new URL(TWILIO_API_URL).host]),
      // Twilio posts delivery receipts (with phone numbers) there: never in clear text.
      config.publicApiUrl !== '' && !config.publicApiUrl.startsWith('https://') ? 'publicApiUrl must be https' : undefined,
    ].filter((p): p is string => p !== undefined),
};

export const configSchema = {
  ...twilioAccountSchema,
  properties: {
    ...twilioAccountSchema.properties,
    from: { type: 'string', pattern: '^\\+[1-9]\\d{1,14}$' },
    maxSegments: { type: 'integer', minimum: 1, maximum: 20, default: 10 },
  },
} as const;
