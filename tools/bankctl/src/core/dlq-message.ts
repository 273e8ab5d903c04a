/**
 * The decoded view of one DLQ message: the CloudEvent it carries and why it failed. Structural
 * types only (no AWS SDK import): `MessageAttribute` has the shape of SQS's MessageAttributeValue.
 */

export interface MessageAttribute {
  DataType: string | undefined;
  StringValue?: string | undefined;
  BinaryValue?: Uint8Array | undefined;
}

export type MessageAttributes = Record<string, MessageAttribute>;

/** A message as received from a DLQ, before decoding. */
export interface RawDlqMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: MessageAttributes;
  /** SQS `ApproximateReceiveCount` (listing increments it too). */
  readonly receiveCount: number;
  /** SQS `SentTimestamp` in ms: kept from the source queue when SQS redrives, reset when the notifier sends. */
  readonly sentTimestamp: number | undefined;
}

/** The fields of the CloudEvent body that bankctl filters and shows on. */
export interface EventSummary {
  readonly id: string | undefined;
  readonly type: string | undefined;
  readonly accountId: string | undefined;
  readonly time: string | undefined;
}

/** Why a message is in the DLQ (docs/internal-contracts.md, "Notifier failure bookkeeping"). */
export interface FailureReason {
  /** `attributes` for permanent failures, `delivery-record` for messages SQS moved after maxReceiveCount. */
  readonly source: 'attributes' | 'delivery-record';
  readonly class: string | undefined;
  readonly reason: string | undefined;
  readonly code: string | undefined;
  readonly provider: string | undefined;
  readonly attempts: number | undefined;
  /** ISO time of the failure. */
  readonly at: string | undefined;
}

export interface DlqMessage extends RawDlqMessage {
  readonly event: EventSummary;
  /** The parsed body (any JSON), or undefined when the body is not JSON. */
  readonly payload: unknown;
  readonly failure: FailureReason | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads id, type, account and time from a CloudEvent body; tolerates anything else (fields stay undefined). */
export function summarizeEvent(payload: unknown): EventSummary {
  if (!isRecord(payload)) return { id: undefined, type: undefined, accountId: undefined, time: undefined };
  const data = isRecord(payload.data) ? payload.data : {};
  return {
    id: stringField(payload, 'id'),
    type: stringField(payload, 'type'),
    accountId: stringField(data, 'accountId') ?? stringField(payload, 'subject'),
    time: stringField(payload, 'time'),
  };
}

const FAILURE_ATTRIBUTE_PREFIX = 'failure-';
export const FAILED_AT_ATTRIBUTE = 'failed-at';
export const REPLAY_COUNT_ATTRIBUTE = 'replay-count';

/** True for the attributes the notifier adds when it dead-letters a message. */
export function isFailureAttribute(name: string): boolean {
  return name.startsWith(FAILURE_ATTRIBUTE_PREFIX) || name === FAILED_AT_ATTRIBUTE;
}

function attr(attributes: MessageAttributes, name: string): string | undefined {
  return attributes[name]?.StringValue;
}

function optionalNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The failure written into message attributes by the notifier (permanent failures), if any. */
export function failureFromAttributes(attributes: MessageAttributes): FailureReason | undefined {
  if (!Object.keys(attributes).some(isFailureAttribute)) return undefined;
  return {
    source: 'attributes',
    class: attr(attributes, 'failure-class'),
    reason: attr(attributes, 'failure-reason'),
    code: attr(attributes, 'failure-code'),
    provider: attr(attributes, 'failure-provider'),
    attempts: optionalNumber(attr(attributes, 'failure-attempts')),
    at: attr(attributes, FAILED_AT_ATTRIBUTE),
  };
}

/** The last retryable error of a delivery record (`lastError`), for messages SQS itself moved. */
export function failureFromDeliveryRecord(record: unknown): FailureReason | undefined {
  if (!isRecord(record) || !isRecord(record.lastError)) return undefined;
  const lastError = record.lastError;
  const attempts = record.attempts;
  return {
    source: 'delivery-record',
    class: stringField(lastError, 'class'),
    reason: stringField(lastError, 'reason'),
    code: stringField(lastError, 'code'),
    provider: stringField(lastError, 'provider'),
    attempts: typeof attempts === 'number' ? attempts : undefined,
    at: stringField(lastError, 'at'),
  };
}

/** Key of the delivery record of this message on a channel (`<eventId>#<channel>`), if the event id is known. */
export function deliveryIdOf(event: EventSummary, channel: string): string | undefined {
  return event.id ? `${event.id}#${channel}` : undefined;
}

/** Decodes a raw message; `deliveryRecord` is consulted only when the attributes carry no failure. */
export function decodeMessage(raw: RawDlqMessage, deliveryRecord?: unknown): DlqMessage {
  const payload = parseJson(raw.body);
  return {
    ...raw,
    payload,
    event: summarizeEvent(payload),
    failure: failureFromAttributes(raw.attributes) ?? failureFromDeliveryRecord(deliveryRecord),
  };
}

/**
 * When the message failed, in ms: the failure time (`failed-at` attribute, or the delivery
 * record's `lastError.at`) and otherwise `SentTimestamp`. SQS keeps a redriven message's original
 * SentTimestamp (moto does the same), so that fallback is the time the notification was first
 * queued: an upper bound of the time spent failed.
 */
export function failedAtMs(message: DlqMessage): number | undefined {
  const at = message.failure?.at ? Date.parse(message.failure.at) : Number.NaN;
  return Number.isNaN(at) ? message.sentTimestamp : at;
}

/** Age of the failure at `nowMs` (undefined when SQS gave no timestamp and no failure time is known). */
export function ageMs(message: DlqMessage, nowMs: number): number | undefined {
  const at = failedAtMs(message);
  return at === undefined ? undefined : nowMs - at;
}

/** One-line failure text for tables: `PermanentError INVALID_NUMBER (twilio): number is not valid`. */
export function formatFailure(failure: FailureReason | undefined): string {
  if (!failure) return 'unknown (no failure attributes, no delivery record)';
  const head = [failure.class, failure.code].filter(Boolean).join(' ');
  const withProvider = failure.provider ? `${head} (${failure.provider})` : head;
  const text = [withProvider, failure.reason].filter(Boolean).join(': ');
  return text || 'unknown';
}
