import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Outcome } from './outcomes';

/** The Event Webhook's signing key pair; `verificationKey` is what SendGrid shows: base64 DER of the public key. */
export interface EventWebhookKeys {
  readonly privateKey: KeyObject;
  readonly verificationKey: string;
}

export function createEventWebhookKeys(): EventWebhookKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, verificationKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

/** The events SendGrid posts for an outcome (after `processed`), without the common fields. */
export function sendgridEvents(outcome: Outcome): Record<string, unknown>[] {
  switch (outcome) {
    case 'none':
      return [];
    case 'delivered':
      return [{ event: 'delivered', response: '250 OK' }];
    case 'undelivered':
    case 'blocked':
      return [{ event: 'bounce', type: 'blocked', status: '5.7.1', reason: '550 5.7.1 blocked by the sandbox' }];
    case 'unreachable':
    case 'bounce':
      return [{ event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 no such user (sandbox)' }];
    case 'dropped':
      return [{ event: 'dropped', reason: 'Bounced Address' }];
    case 'failed':
      return [{ event: 'dropped', reason: 'Invalid SMTPAPI header' }];
  }
}

/** `X-Twilio-Email-Event-Webhook-Signature`: ECDSA P-256 with SHA-256 over the timestamp followed by the body; DER, base64. */
export function sendgridSignature(privateKey: KeyObject, timestamp: string, body: string): string {
  return sign('sha256', Buffer.from(timestamp + body, 'utf8'), privateKey).toString('base64');
}
