import smsTwilioPlugin from '@bank/plugin-sms-twilio';
import whatsappTwilioPlugin from '@bank/plugin-whatsapp-twilio';

/**
 * The plugin modules this function may use, imported statically so the bundler includes them
 * (and only them: no email SDK in this bundle). The manifest decides which are used.
 */
export const plugins: Readonly<Record<string, unknown>> = {
  '@bank/plugin-sms-twilio': smsTwilioPlugin,
  '@bank/plugin-whatsapp-twilio': whatsappTwilioPlugin,
};
