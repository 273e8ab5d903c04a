export const SENDGRID_API_URL = 'https://api.sendgrid.com';

export interface SendgridConfig {
  readonly apiKey: string;
  /** Sender address, verified in SendGrid. */
  readonly from: string;
  /** API base URL; point it at a sandbox to test without SendGrid. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiKey', 'from'],
  properties: {
    apiKey: { type: 'string', minLength: 1 },
    from: { type: 'string', format: 'email' },
    baseUrl: { type: 'string', format: 'uri', pattern: '^https?://', default: SENDGRID_API_URL },
    timeoutMs: { type: 'integer', minimum: 1, maximum: 120000, default: 10000 },
  },
} as const;
