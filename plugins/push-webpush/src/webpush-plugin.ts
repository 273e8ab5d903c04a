import { createECDH } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { definePlugin, type OutboundMessage, type PluginInstance } from '@bank/plugin-sdk';
import webpush from 'web-push';
import { classifyPushError } from './classify-error';
import { configSchema, type WebPushConfig } from './config';
import { payloadOf, subscriptionOf } from './payload';

/**
 * The HTTPS agent for push services: keep-alive, and when `caFile` is set one more trusted CA
 * besides the public ones (web-push speaks HTTPS only; the local sandbox has a self-signed one).
 */
function agentFor(config: WebPushConfig): Agent {
  const extra = config.caFile === '' ? [] : [readFileSync(config.caFile, 'utf8')];
  return new Agent({ keepAlive: true, ...(extra.length > 0 ? { ca: [...rootCertificates, ...extra] } : {}) });
}

/** Refuses a key pair that is not one (a pasted mismatch) now, so the provider fails to start loudly. */
function checkKeyPair(config: WebPushConfig): void {
  const keys = createECDH('prime256v1');
  keys.setPrivateKey(Buffer.from(config.vapidPrivateKey, 'base64url'));
  if (keys.getPublicKey('base64url') !== config.vapidPublicKey) throw new Error('vapidPublicKey is not the public key of vapidPrivateKey');
}

function createInstance(config: WebPushConfig): PluginInstance {
  checkKeyPair(config);
  webpush.getVapidHeaders('https://push.example', config.subject, config.vapidPublicKey, config.vapidPrivateKey, 'aes128gcm');
  const agent = agentFor(config);
  const vapidDetails = { subject: config.subject, publicKey: config.vapidPublicKey, privateKey: config.vapidPrivateKey };
  return {
    async send(message: OutboundMessage) {
      const subscription = subscriptionOf(message);
      const payload = payloadOf(message);
      let response: webpush.SendResult;
      try {
        response = await webpush.sendNotification(subscription, payload, {
          vapidDetails,
          TTL: config.ttlSeconds,
          urgency: config.urgency,
          timeout: config.timeoutMs,
          agent,
          contentEncoding: 'aes128gcm',
        });
      } catch (error) {
        throw classifyPushError(error);
      }
      // RFC 8030: 201 with the message's Location; the push was accepted either way.
      const location = response.headers.location;
      return { providerMessageId: typeof location === 'string' && location !== '' ? location : `webpush:${message.idempotencyKey}` };
    },
    async close() {
      agent.destroy();
    },
  };
}

/** Local application server keys: the sandbox accepts any; real ones come from the `vapid` secret. */
const LOCAL_VAPID = {
  publicKey: 'BGvEbiThpZ3xZPubdI5y12KNWwiBb5v2sAqLQ5MkXP4lxXocBpEsMV232Ox9P6ZTLZirvwilg6p-kH4HyxW6HuI',
  privateKey: 'UrUwI8EmCYxdsZnUVpvuf0mo-jLQIleUDzYDdViTVGM',
};

export const webPushPlugin = definePlugin<WebPushConfig>({
  id: 'webpush',
  channel: 'push',
  version: '0.1.0',
  configSchema,
  // In AWS: secret `vapid` holds the application server's key pair (`npx web-push generate-vapid-keys`).
  // The account API serves its public half to browsers (GET /push/vapid-public-key) from VAPID_PUBLIC_KEY,
  // the same name as the manifest's ${VAPID_PUBLIC_KEY} (so the local stack sets one variable for both).
  secrets: [{ name: 'vapid', keys: ['publicKey', 'privateKey'], apiEnv: { VAPID_PUBLIC_KEY: 'publicKey' } }],
  local: {
    env: {
      VAPID_PUBLIC_KEY: LOCAL_VAPID.publicKey,
      VAPID_PRIVATE_KEY: LOCAL_VAPID.privateKey,
      WEBPUSH_CA_FILE: '{sandboxCaFile}',
    },
  },
  // Trusting one more certificate authority is how the local stack reaches its sandbox; never in production.
  productionProblems: (config) => (config.caFile ? ['caFile trusts an extra certificate authority'] : []),
  create: createInstance,
});
