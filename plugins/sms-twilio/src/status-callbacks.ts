// The SDK's webhook module alone: `twilio`'s index would bring its REST client along.
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import {
  CallbackFormatError,
  CallbackVerificationError,
  defineCallbacks,
  notificationKeyOf,
  requireHeader,
  type CallbackRequest,
  type ReportedStatus,
  type StatusReport,
} from '@bank/plugin-sdk';

/** The path segment of Twilio's callbacks, `POST /webhooks/twilio`, for every Twilio channel. */
export const TWILIO_CALLBACK_PROVIDER = 'twilio';

export const SIGNATURE_HEADER = 'X-Twilio-Signature';

/** The query parameter of a message's StatusCallback URL that carries its idempotency key back. */
export const NOTIFICATION_KEY_PARAM = 'notificationKey';

/**
 * Twilio's connection overrides, the StatusCallback URL's fragment: up to 3 retries (`rc`) of a
 * callback that got a 5xx, no connection or no answer in time (`rp`). Without them Twilio only
 * retries a failed connection, once, so a report the API answers `503 DELIVERY_IN_FLIGHT` (the
 * notifier has not recorded SENT yet) would be lost; a 4xx (a bad signature) is final either way.
 */
export const TWILIO_CONNECTION_OVERRIDES = 'rc=3&rp=5xx,ct,rt';

/**
 * Twilio error codes that say the number can never receive from us, so the channel is turned off
 * for the customer (a delivery with any other code just stays UNDELIVERED / FAILED):
 * - 21211 invalid 'To' number; 21614 not a mobile number; 30005 unknown destination handset (the
 *   number does not exist); 30006 landline or unreachable carrier;
 * - 21610 the recipient replied STOP (nothing reaches them until they reply START);
 * - WhatsApp 63003 (the number has no WhatsApp account) and 63024 (invalid recipient).
 * Left out on purpose: 30003 "unreachable handset" (a phone switched off or out of coverage comes
 * back), 30004 blocked, 30007 carrier filtering and 30008 unknown (about the message or the
 * carrier, not the number), and 21408/21612 (our account's or sender's configuration).
 */
export const TWILIO_UNREACHABLE_CODES: Readonly<Record<string, string>> = {
  '21211': 'invalid To number',
  '21610': 'recipient unsubscribed (replied STOP)',
  '21614': 'To number is not a mobile number',
  '30005': 'unknown destination handset',
  '30006': 'landline or unreachable carrier',
  '63003': 'no WhatsApp account at the To number',
  '63024': 'invalid message recipient',
};

/** Twilio's `MessageStatus` values the host acts on; queued, sending, accepted, scheduled, ... are left out. */
const STATUSES: Readonly<Record<string, ReportedStatus>> = {
  sent: 'SENT',
  delivered: 'DELIVERED',
  // WhatsApp: read implies delivered (the delivered callback may come later, or never).
  read: 'DELIVERED',
  undelivered: 'UNDELIVERED',
  failed: 'FAILED',
};

const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
const ERROR_CODE = /^\d{1,6}$/;

export interface TwilioCallbackConfig {
  /** The account's auth token: Twilio signs every callback with it. */
  readonly authToken: string;
}

function formOf(request: CallbackRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(request.rawBody)) params[name] = value;
  return params;
}

/** The notification key the StatusCallback URL carries (`statusCallbackOf`); undefined for a URL without one (sent before it did). */
function notificationKeyIn(url: string): string | undefined {
  try {
    return notificationKeyOf(new URL(url).searchParams.get(NOTIFICATION_KEY_PARAM));
  } catch {
    return undefined;
  }
}

/**
 * One status callback (form-encoded, `X-Twilio-Signature`: HMAC-SHA1 with the auth token over the
 * exact public URL, its query included, and the sorted parameters) into a report; `url` is that
 * URL, whose `notificationKey` parameter becomes the report's `notificationKey`.
 */
export function parseTwilioStatus(form: Readonly<Record<string, string>>, now: Date, url = ''): StatusReport[] {
  const sid = form.MessageSid ?? form.SmsSid;
  const raw = form.MessageStatus ?? form.SmsStatus;
  if (sid === undefined || !MESSAGE_SID.test(sid)) throw new CallbackFormatError('MessageSid is missing or not a message sid');
  if (raw === undefined || !/^[a-z_]{1,32}$/.test(raw)) throw new CallbackFormatError('MessageStatus is missing or malformed');
  const status = STATUSES[raw];
  if (!status) return [];
  const code = form.ErrorCode;
  const errorCode = code !== undefined && ERROR_CODE.test(code) && code !== '0' ? code : undefined;
  const failed = status === 'UNDELIVERED' || status === 'FAILED';
  const permanent = failed && errorCode !== undefined && TWILIO_UNREACHABLE_CODES[errorCode] !== undefined;
  const notificationKey = notificationKeyIn(url);
  return [
    {
      providerMessageId: sid,
      ...(notificationKey ? { notificationKey } : {}),
      status,
      ...(errorCode ? { errorCode } : {}),
      ...(permanent ? { permanent: true } : {}),
      occurredAt: now.toISOString(),
    },
  ];
}

/** What the sms and whatsapp plugins declare for Twilio's status callbacks (one object, shared). */
export const twilioCallbacks = defineCallbacks<TwilioCallbackConfig>({
  provider: TWILIO_CALLBACK_PROVIDER,
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['authToken'],
    properties: { authToken: { type: 'string', minLength: 1 } },
  },
  config: { authToken: '${TWILIO_AUTH_TOKEN}' },
  secrets: [{ name: 'twilio', keys: ['authToken'] }],
  // A status callback is a few hundred bytes.
  maxBodyBytes: 16 * 1024,
  create(config) {
    return {
      verify(request) {
        const signature = requireHeader(request, SIGNATURE_HEADER);
        const form = formOf(request);
        // The URL as requested carries no fragment. Twilio's documentation does not say whether it
        // signs the connection overrides, so the URL with them (as the plugin gave it) matches too;
        // both are the bank's own URL, so neither lets another request through.
        const urls = [request.url, `${request.url}#${TWILIO_CONNECTION_OVERRIDES}`];
        if (!urls.some((url) => validateRequest(config.authToken, signature, url, form))) {
          throw new CallbackVerificationError('invalid', `the ${SIGNATURE_HEADER} does not match`);
        }
      },
      parse: (request) => parseTwilioStatus(formOf(request), request.now, request.url),
    };
  },
});
