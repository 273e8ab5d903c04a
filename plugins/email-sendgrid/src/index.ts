import { sendgridPlugin } from './sendgrid-plugin';

export default sendgridPlugin;
export { sendgridPlugin };
export { classifySendgridError } from './classify-error';
export { configSchema, SENDGRID_API_URL } from './config';
export type { SendgridConfig } from './config';
export { NOTIFICATION_KEY_ARG, parseSendgridEvents, SENDGRID_CALLBACK_PROVIDER, sendgridCallbacks } from './event-webhook';
export type { SendgridWebhookConfig } from './event-webhook';
