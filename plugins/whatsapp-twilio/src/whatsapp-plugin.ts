import { definePlugin, PermanentError, type OutboundMessage, type PluginInstance } from '@bank/plugin-sdk';
import { classifyTwilioError, createTwilioClient, statusCallbackOf, twilioHostNeeds } from '@bank/plugin-sms-twilio';
import { configSchema, type WhatsappTwilioConfig } from './config';
import { toWhatsappAddress } from './whatsapp-address';

/** WhatsApp-only Twilio codes, on top of the SMS ones. */
const WHATSAPP_CODES = {
  permanent: {
    63003: 'channel could not find the To address',
    63016: 'free-form message outside the 24 hour window (use a template)',
    63024: 'invalid message recipient',
  },
  retryable: { 63018: 'WhatsApp rate limit exceeded' },
};

function content(config: WhatsappTwilioConfig, message: OutboundMessage) {
  const template = config.templates[message.eventType];
  if (!template) return { body: message.body };
  return { contentSid: template.contentSid, contentVariables: JSON.stringify(message.variables ?? {}) };
}

function createInstance(config: WhatsappTwilioConfig): PluginInstance {
  const client = createTwilioClient(config);
  const from = config.from === undefined ? undefined : toWhatsappAddress(config.from);
  return {
    async send(message: OutboundMessage) {
      const to = toWhatsappAddress(message.to);
      if (!to) throw new PermanentError('recipient is not an E.164 phone number', { providerCode: 'INVALID_TO' });
      try {
        const sent = await client.messages.create({
          to,
          ...content(config, message),
          ...(config.messagingServiceSid ? { messagingServiceSid: config.messagingServiceSid } : {}),
          ...(from ? { from } : {}),
          ...statusCallbackOf(config, message.idempotencyKey),
        });
        return { providerMessageId: sent.sid };
      } catch (error) {
        throw classifyTwilioError(error, WHATSAPP_CODES);
      }
    },
  };
}

export const whatsappTwilioPlugin = definePlugin<WhatsappTwilioConfig>({
  id: 'twilio',
  channel: 'whatsapp',
  version: '0.1.0',
  configSchema,
  ...twilioHostNeeds,
  create: createInstance,
});
