import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';
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

/** The path segment of SendGrid's Event Webhook, `POST /webhooks/sendgrid`. */
export const SENDGRID_CALLBACK_PROVIDER = 'sendgrid';

/** The custom argument `send` puts the message's idempotency key in; SendGrid echoes it as a field of every event. */
export const NOTIFICATION_KEY_ARG = 'idempotencyKey';

export interface SendgridWebhookConfig {
  /** The Event Webhook's verification key (base64 DER of the ECDSA P-256 public key, as SendGrid shows it). */
  readonly publicKey: string;
  /** Signed timestamps further than this from the host's clock are refused (replays). */
  readonly toleranceSeconds: number;
}

/** Drop reasons that mean the address itself can never receive (SendGrid keeps dropping it). */
const UNREACHABLE_DROPS: Readonly<Record<string, string>> = { 'Bounced Address': 'bounced-address', Invalid: 'invalid-address' };
/** Other drop reasons, as codes (never SendGrid's free text, which may quote the address). */
const OTHER_DROPS: Readonly<Record<string, string>> = {
  'Unsubscribed Address': 'unsubscribed-address',
  'Spam Reporting Address': 'spam-reporting-address',
  'Invalid SMTPAPI header': 'invalid-smtpapi-header',
};
const SMTP_STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;
/** `sg_message_id` is `<X-Message-Id>.<filter suffix>`: the part before the first dot is what `send` recorded. */
const MESSAGE_ID = /^([A-Za-z0-9_-]{6,128})(\..*)?$/;
/** A batch is at most 768 KB; this bounds the work per request whatever its size. */
const MAX_EVENTS = 5000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function occurredAt(event: Record<string, unknown>, now: Date): string {
  const seconds = event.timestamp;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 && seconds < 1e11 ? new Date(seconds * 1000).toISOString() : now.toISOString();
}

function smtpCode(event: Record<string, unknown>): { errorCode?: string } {
  return typeof event.status === 'string' && SMTP_STATUS.test(event.status) ? { errorCode: event.status } : {};
}

/** One event into a report: `undefined` for events the host has no use for (processed, open, click, ...). */
function reportOf(event: Record<string, unknown>, providerMessageId: string, now: Date): StatusReport | undefined {
  const notificationKey = notificationKeyOf(event[NOTIFICATION_KEY_ARG]);
  const base = { providerMessageId, ...(notificationKey ? { notificationKey } : {}), occurredAt: occurredAt(event, now) };
  const report = (status: ReportedStatus, extra: Partial<StatusReport> = {}): StatusReport => ({ ...base, status, ...extra });
  switch (event.event) {
    case 'deferred':
      return report('SENT');
    case 'delivered':
      return report('DELIVERED');
    case 'bounce':
      // `blocked` is the receiving server refusing this message (reputation, content): the address may still work.
      return event.type === 'blocked' ? report('UNDELIVERED', smtpCode(event)) : report('BOUNCED', { ...smtpCode(event), permanent: true });
    case 'dropped': {
      const reason = typeof event.reason === 'string' ? event.reason : '';
      const unreachable = UNREACHABLE_DROPS[reason];
      return report('FAILED', unreachable ? { errorCode: unreachable, permanent: true } : { errorCode: OTHER_DROPS[reason] ?? 'dropped' });
    }
    default:
      return undefined;
  }
}

/**
 * The Event Webhook's JSON array into reports; events without a message id are left out. Each
 * report carries the `idempotencyKey` custom argument the event echoes, as `notificationKey`.
 */
export function parseSendgridEvents(rawBody: string, now: Date): StatusReport[] {
  let events: unknown;
  try {
    events = JSON.parse(rawBody);
  } catch (error) {
    throw new CallbackFormatError('the body is not JSON', { cause: error });
  }
  if (!Array.isArray(events)) throw new CallbackFormatError('the body is not an array of events');
  if (events.length > MAX_EVENTS) throw new CallbackFormatError(`more than ${MAX_EVENTS} events`);
  const reports: StatusReport[] = [];
  for (const event of events) {
    if (!isRecord(event) || typeof event.event !== 'string') throw new CallbackFormatError('an event is not an object with an event name');
    const id = typeof event.sg_message_id === 'string' ? MESSAGE_ID.exec(event.sg_message_id)?.[1] : undefined;
    if (id === undefined) continue;
    const report = reportOf(event, id, now);
    if (report) reports.push(report);
  }
  return reports;
}

/** Signature (ECDSA P-256 over the timestamp followed by the raw body) and replay window. */
function verifySignature(config: SendgridWebhookConfig, request: CallbackRequest): void {
  const signature = requireHeader(request, EventWebhookHeader.SIGNATURE());
  const timestamp = requireHeader(request, EventWebhookHeader.TIMESTAMP());
  if (!/^\d{1,12}$/.test(timestamp)) throw new CallbackVerificationError('invalid', 'the signature timestamp is not a number of seconds');
  const skew = Math.abs(request.now.getTime() / 1000 - Number(timestamp));
  if (skew > config.toleranceSeconds) throw new CallbackVerificationError('stale', `the signature timestamp is ${Math.round(skew)} s away from now`);
  const webhook = new EventWebhook();
  let valid: boolean;
  try {
    valid = webhook.verifySignature(webhook.convertPublicKeyToECDSA(config.publicKey), request.rawBody, signature, timestamp);
  } catch (error) {
    // A signature that is not base64 DER makes the library throw: just as invalid.
    throw new CallbackVerificationError('invalid', 'the signature cannot be read', { cause: error });
  }
  if (!valid) throw new CallbackVerificationError('invalid', 'the signature does not match');
}

/** SendGrid's signed Event Webhook (account configuration: the URL and "signed" on, the key in the secret). */
export const sendgridCallbacks = defineCallbacks<SendgridWebhookConfig>({
  provider: SENDGRID_CALLBACK_PROVIDER,
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['publicKey'],
    properties: {
      publicKey: { type: 'string', minLength: 40, maxLength: 4096 },
      toleranceSeconds: { type: 'integer', minimum: 1, maximum: 3600, default: 300 },
    },
  },
  config: { publicKey: '${SENDGRID_WEBHOOK_PUBLIC_KEY}', toleranceSeconds: '${SENDGRID_WEBHOOK_TOLERANCE_SECONDS:-300}' },
  // Its own secret: the callbacks function reads the public key and never the API key.
  secrets: [{ name: 'sendgrid-webhook', keys: ['publicKey'] }],
  // SendGrid posts batches of up to 768 KB.
  maxBodyBytes: 1024 * 1024,
  create(config) {
    return {
      verify: (request) => verifySignature(config, request),
      parse: (request) => parseSendgridEvents(request.rawBody, request.now),
    };
  },
});
