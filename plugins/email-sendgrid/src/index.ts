import { sendgridPlugin } from './sendgrid-plugin';

export default sendgridPlugin;
export { sendgridPlugin };
export { classifySendgridError } from './classify-error';
export { configSchema, SENDGRID_API_URL } from './config';
export type { SendgridConfig } from './config';
