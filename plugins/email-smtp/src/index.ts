import { smtpPlugin } from './smtp-plugin';

export default smtpPlugin;
export { smtpPlugin };
export { classifySmtpError } from './classify-error';
export { configSchema } from './config';
export type { SmtpConfig } from './config';
