import { createHmac } from 'node:crypto';
import type { Outcome } from './outcomes';

/** The `MessageStatus` (and `ErrorCode`) updates Twilio posts for an outcome, in order. */
export function twilioStatusUpdates(outcome: Outcome): { MessageStatus: string; ErrorCode?: string }[] {
  switch (outcome) {
    case 'none':
      return [];
    case 'delivered':
      return [{ MessageStatus: 'sent' }, { MessageStatus: 'delivered' }];
    case 'undelivered':
    case 'blocked':
      return [{ MessageStatus: 'sent' }, { MessageStatus: 'undelivered', ErrorCode: '30003' }];
    case 'unreachable':
    case 'bounce':
    case 'dropped':
      return [{ MessageStatus: 'sent' }, { MessageStatus: 'undelivered', ErrorCode: '30005' }];
    case 'failed':
      return [{ MessageStatus: 'failed', ErrorCode: '30008' }];
  }
}

/**
 * `X-Twilio-Signature`, as Twilio computes it: HMAC-SHA1 with the account's auth token over the
 * full callback URL followed by every POST parameter's name and value, sorted by name; base64.
 */
export function twilioSignature(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + (params[name] ?? ''), url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}
