/** The WhatsApp plugin sends through the SMS plugin's Twilio client: the same parts of `twilio`. */
export { bundling } from '@bank/plugin-sms-twilio/bundling';
