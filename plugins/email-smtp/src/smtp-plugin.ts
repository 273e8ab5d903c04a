import type { Transporter } from 'nodemailer';
import { definePlugin, type OutboundMessage, type PluginInstance } from '@bank/plugin-sdk';
import { classifySmtpError } from './classify-error';
import { configSchema, type SmtpConfig } from './config';

/**
 * A small pool per instance: a warm notifier reuses connections; close() releases them.
 * nodemailer is loaded on the first send, not at cold start (~200 KiB of modules a notifier
 * whose email goes through another provider never runs). A bundler still carries it; in the
 * bundle its modules run only when this import does.
 */
async function createTransport(config: SmtpConfig): Promise<Transporter> {
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport({
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
}

function createInstance(config: SmtpConfig): PluginInstance {
  let transport: Promise<Transporter> | undefined;
  return {
    async send(message: OutboundMessage) {
      try {
        // A failed load is tried again on the next send.
        transport ??= createTransport(config).catch((error: unknown) => {
          transport = undefined;
          throw error;
        });
        const info = await (await transport).sendMail({
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
      // Nothing to release when no message was sent; a failed load left nothing open.
      const loaded = transport;
      transport = undefined;
      (await loaded?.catch(() => undefined))?.close();
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
