import nodemailer from 'nodemailer';
import { definePlugin, type OutboundMessage, type PluginInstance } from '@bank/plugin-sdk';
import { classifySmtpError } from './classify-error';
import { configSchema, type SmtpConfig } from './config';

function createInstance(config: SmtpConfig): PluginInstance {
  // A small pool per instance: a warm notifier reuses connections; close() releases them.
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTLS,
    auth: config.user && config.pass ? { user: config.user, pass: config.pass } : undefined,
    pool: true,
    maxConnections: 2,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
  return {
    async send(message: OutboundMessage) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.body,
          headers: { 'X-Idempotency-Key': message.idempotencyKey, 'X-Event-Type': message.eventType },
        });
        return { providerMessageId: info.messageId };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}

export const smtpPlugin = definePlugin<SmtpConfig>({
  id: 'smtp',
  channel: 'email',
  version: '0.1.0',
  configSchema,
  // The sandbox speaks plain SMTP; everywhere else mail goes over TLS.
  local: { env: { SMTP_HOST: '{smtpHost}', SMTP_PORT: '{smtpPort}', SMTP_REQUIRE_TLS: 'false' } },
  productionProblems: (config) => (config.secure || config.requireTLS ? [] : ['mail must go over TLS: set secure (port 465) or requireTLS (STARTTLS)']),
  create: createInstance,
});
