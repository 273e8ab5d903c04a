import sendgridPlugin from '@bank/plugin-email-sendgrid';
import smtpPlugin from '@bank/plugin-email-smtp';

/**
 * The plugin modules this function may use, imported statically so the bundler includes them
 * (and only them). The manifest decides which are used, in which order.
 */
export const plugins: Readonly<Record<string, unknown>> = {
  '@bank/plugin-email-sendgrid': sendgridPlugin,
  '@bank/plugin-email-smtp': smtpPlugin,
};
