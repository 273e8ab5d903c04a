/**
 * `@bank/plugin-email-sendgrid/callbacks`: only what verifying and reading SendGrid's Event Webhook
 * needs (`@sendgrid/eventwebhook`, not the mail client), so the delivery-status function bundles
 * it without the sending stack. The plugin's `callbacks` is this same object.
 */
export { sendgridCallbacks as callbacks } from './event-webhook';
