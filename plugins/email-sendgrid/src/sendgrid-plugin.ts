import type { MailService } from '@sendgrid/mail';
import { definePlugin, requireProviderUrl, type OutboundMessage, type PluginInstance } from '@bank/plugin-sdk';
import { classifySendgridError } from './classify-error';
import { configSchema, type SendgridConfig } from './config';
import { NOTIFICATION_KEY_ARG, sendgridCallbacks } from './event-webhook';
import { loadSendgridFetchClient } from './sendgrid-fetch-client';

/**
 * A MailService on its own client (the packages' default exports are process-wide singletons):
 * SendGrid's `Client` sending over fetch ({@link loadSendgridFetchClient}). Loaded on the first send,
 * not at cold start: a notifier that never sends email never runs the SendGrid packages.
 */
async function createMailService(config: SendgridConfig): Promise<MailService> {
  // The package's typings declare its class beside a default singleton, as a CommonJS property.
  const [SendgridFetchClient, mailModule] = await Promise.all([loadSendgridFetchClient(), import('@sendgrid/mail')]);
  const { MailService: SendgridMailService } = mailModule as unknown as { MailService: typeof MailService };
  const client = new SendgridFetchClient();
  // setApiKey resets the base URL to the public API, so the base URL must be set after it.
  client.setApiKey(config.apiKey);
  client.setDefaultRequest('baseUrl', config.baseUrl);
  const mail = new SendgridMailService();
  mail.setClient(client);
  mail.setTimeout(config.timeoutMs);
  return mail;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function createInstance(config: SendgridConfig): PluginInstance {
  let mail: Promise<MailService> | undefined;
  return {
    async send(message: OutboundMessage) {
      let response;
      try {
        // A failed load is tried again on the next send.
        mail ??= createMailService(config).catch((error: unknown) => {
          mail = undefined;
          throw error;
        });
        [response] = await (await mail).send({
          to: message.to,
          from: config.from,
          subject: message.subject ?? '',
          text: message.body,
          // Echoed back as fields of every Event Webhook event: a status report names its delivery by the key.
          customArgs: { [NOTIFICATION_KEY_ARG]: message.idempotencyKey, eventType: message.eventType },
        });
      } catch (error) {
        throw classifySendgridError(error);
      }
      // The mail is accepted at this point: retrying for a missing header would send it twice.
      return { providerMessageId: headerValue(response.headers, 'x-message-id') ?? `sendgrid:${message.idempotencyKey}` };
    },
  };
}

export const sendgridPlugin = definePlugin<SendgridConfig>({
  id: 'sendgrid',
  channel: 'email',
  version: '0.1.0',
  configSchema,
  // In AWS the API key comes from secret `sendgrid` (${SENDGRID_API_KEY} in the manifest).
  secrets: [{ name: 'sendgrid', keys: ['apiKey'] }],
  // Locally the sandbox signs its Event Webhook with a key pair it makes at start.
  local: { env: { SENDGRID_BASE_URL: '{sandboxUrl}', SENDGRID_API_KEY: 'SG.local', SENDGRID_WEBHOOK_PUBLIC_KEY: '{sendgridWebhookPublicKey}' } },
  callbacks: sendgridCallbacks,
  // Every event echoes the message's custom arguments, its idempotency key among them.
  statusReportsCarryKey: true,
  // Outside the local stack, only SendGrid's API (global or EU region): the key never goes anywhere else.
  productionProblems: (config) => [requireProviderUrl('baseUrl', config.baseUrl, ['api.sendgrid.com', 'api.eu.sendgrid.com'])].filter((p): p is string => p !== undefined),
  create: createInstance,
});
