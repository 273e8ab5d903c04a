import { twilioAccountSchema } from '@bank/plugin-sms-twilio';

export interface WhatsappTemplate {
  /** Approved Content Template (`HX…`); its variables come from the message's `variables`. */
  readonly contentSid: string;
}

export interface WhatsappTwilioConfig {
  readonly accountSid: string;
  readonly authToken: string;
  /** WhatsApp sender, `whatsapp:+E164` (a bare `+E164` is accepted and prefixed). */
  readonly from?: string;
  readonly messagingServiceSid?: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** The API's public base URL; when set, each message asks for status callbacks (`@bank/plugin-sms-twilio`). */
  readonly publicApiUrl: string;
  /** Per event type, the approved template to send instead of the plain body. */
  readonly templates: Readonly<Record<string, WhatsappTemplate>>;
}

export const configSchema = {
  ...twilioAccountSchema,
  properties: {
    ...twilioAccountSchema.properties,
    from: { type: 'string', pattern: '^(whatsapp:)?\\+[1-9]\\d{1,14}$' },
    templates: {
      type: 'object',
      default: {},
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['contentSid'],
        properties: { contentSid: { type: 'string', pattern: '^HX[0-9a-fA-F]{32}$' } },
      },
    },
  },
} as const;
