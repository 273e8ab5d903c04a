/** `@bank/plugin-whatsapp-twilio/callbacks`: Twilio's status callbacks, the object the SMS plugin declares too. */
export { callbacks } from '@bank/plugin-sms-twilio/callbacks';
