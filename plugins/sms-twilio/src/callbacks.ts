/**
 * `@bank/plugin-sms-twilio/callbacks`: only what verifying and reading Twilio's status callbacks
 * needs (the SDK's `validateRequest`, not its REST client), so the delivery-status function
 * bundles it without the sending stack. The plugin's `callbacks` is this same object.
 */
export { twilioCallbacks as callbacks } from './status-callbacks';
