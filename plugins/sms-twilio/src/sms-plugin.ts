import { callbackUrl, definePlugin, PermanentError, type OutboundMessage, type PluginInstance } from '@bank/plugin-sdk';
import { classifyTwilioError } from './classify-twilio-error';
import { configSchema, twilioHostNeeds, type SmsTwilioConfig } from './config';
import { NOTIFICATION_KEY_PARAM, TWILIO_CALLBACK_PROVIDER, TWILIO_CONNECTION_OVERRIDES } from './status-callbacks';
import { isE164 } from './e164';
import { countSegments } from './sms-segments';
import { createTwilioClient } from './twilio-client';

/**
 * `{ statusCallback }` for `messages.create` when a public URL is configured: Twilio then reports
 * each status of the message there. The URL carries the message's idempotency key as a query
 * parameter, which Twilio keeps (and signs) in every callback, so a report names its delivery.
 * Encoded as a form (`URLSearchParams`), the way the host re-encodes the query it receives. Its
 * fragment asks Twilio to retry a callback the API could not take yet ({@link TWILIO_CONNECTION_OVERRIDES}).
 *
 * @example statusCallbackOf({ publicApiUrl: 'https://api.example.com/v1' }, 'evt-1:sms')
 * // { statusCallback: 'https://api.example.com/v1/webhooks/twilio?notificationKey=evt-1%3Asms#rc=3&rp=5xx,ct,rt' }
 */
export function statusCallbackOf(config: Pick<SmsTwilioConfig, 'publicApiUrl'>, idempotencyKey: string): { statusCallback?: string } {
  if (!config.publicApiUrl) return {};
  const query = new URLSearchParams({ [NOTIFICATION_KEY_PARAM]: idempotencyKey });
  return { statusCallback: `${callbackUrl(config.publicApiUrl, TWILIO_CALLBACK_PROVIDER)}?${query.toString()}#${TWILIO_CONNECTION_OVERRIDES}` };
}

function createInstance(config: SmsTwilioConfig): PluginInstance {
  const client = createTwilioClient(config);
  return {
    async send(message: OutboundMessage) {
      if (!isE164(message.to)) throw new PermanentError('recipient is not an E.164 phone number', { providerCode: 'INVALID_TO' });
      const { segments } = countSegments(message.body);
      if (segments > config.maxSegments) {
        throw new PermanentError(`body needs ${segments} SMS segments, more than maxSegments ${config.maxSegments}`, { providerCode: 'TOO_LONG' });
      }
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.body,
          ...(config.messagingServiceSid ? { messagingServiceSid: config.messagingServiceSid } : {}),
          ...(config.from ? { from: config.from } : {}),
          ...statusCallbackOf(config, message.idempotencyKey),
        });
        return { providerMessageId: sent.sid };
      } catch (error) {
        throw classifyTwilioError(error);
      }
    },
  };
}

export const smsTwilioPlugin = definePlugin<SmsTwilioConfig>({
  id: 'twilio',
  channel: 'sms',
  version: '0.1.0',
  configSchema,
  ...twilioHostNeeds,
  create: createInstance,
});
