import { callbackUrl, definePlugin, PermanentError, type OutboundMessage, type PluginInstance } from '@bank/plugin-sdk';
import { classifyTwilioError } from './classify-twilio-error';
import { configSchema, twilioHostNeeds, type SmsTwilioConfig } from './config';
import { TWILIO_CALLBACK_PROVIDER } from './status-callbacks';
import { isE164 } from './e164';
import { countSegments } from './sms-segments';
import { createTwilioClient } from './twilio-client';

/** `{ statusCallback }` for `messages.create` when a public URL is configured: Twilio then reports each status there. */
export function statusCallbackOf(config: Pick<SmsTwilioConfig, 'publicApiUrl'>): { statusCallback?: string } {
  return config.publicApiUrl ? { statusCallback: callbackUrl(config.publicApiUrl, TWILIO_CALLBACK_PROVIDER) } : {};
}

function createInstance(config: SmsTwilioConfig): PluginInstance {
  const client = createTwilioClient(config);
  const statusCallback = statusCallbackOf(config);
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
          ...statusCallback,
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
