export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  /** true = implicit TLS (port 465); false = plain, upgraded with STARTTLS when the server offers it. */
  readonly secure: boolean;
  /** Refuse to send unless the server upgrades the connection with STARTTLS (when not `secure`). */
  readonly requireTLS: boolean;
  readonly user?: string;
  readonly pass?: string;
  readonly from: string;
  /** Applies to connecting, the greeting and every later server answer. */
  readonly timeoutMs: number;
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['host', 'port', 'from'],
  properties: {
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    secure: { type: 'boolean', default: false },
    requireTLS: { type: 'boolean', default: true },
    user: { type: 'string', minLength: 1 },
    pass: { type: 'string', minLength: 1 },
    from: { type: 'string', format: 'email' },
    timeoutMs: { type: 'integer', minimum: 1, maximum: 120000, default: 10000 },
  },
  dependencies: { user: ['pass'], pass: ['user'] },
} as const;
