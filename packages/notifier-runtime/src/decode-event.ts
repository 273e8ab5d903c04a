import { validateNotifiableEvent, type BankEvent, type EventEnvelope } from '@bank/schemas';
import { InvalidMessageError } from './errors';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidMessageError(`${what} is not valid JSON`, 'INVALID_JSON', [], { cause: error });
  }
}

/** With raw message delivery off, SNS wraps the CloudEvent in a Notification envelope. */
function unwrapSnsEnvelope(value: unknown): unknown {
  if (isRecord(value) && value.Type === 'Notification' && typeof value.Message === 'string') {
    return parseJson(value.Message, 'SNS Message');
  }
  return value;
}

/**
 * SQS body → validated CloudEvent: the envelope of any type, and all of a type some channel
 * subscribes to (`isNotifiedEvent` tells which; only those are rendered). Throws
 * InvalidMessageError (a permanent failure).
 */
export function decodeEvent(body: string): BankEvent | EventEnvelope {
  const candidate = unwrapSnsEnvelope(parseJson(body, 'message body'));
  const result = validateNotifiableEvent(candidate);
  if (!result.ok) {
    const summary = result.errors.slice(0, 5).map((e) => `${e.path || '/'} ${e.message}`).join('; ');
    throw new InvalidMessageError(`event failed schema validation: ${summary}`, 'INVALID_EVENT', result.errors);
  }
  return result.value;
}

/** The event id if the body looks like an event at all; used only to serialize work per event. */
export function peekEventId(body: string): string | undefined {
  try {
    const value = unwrapSnsEnvelope(JSON.parse(body) as unknown);
    return isRecord(value) && typeof value.id === 'string' ? value.id : undefined;
  } catch {
    return undefined;
  }
}

/** The account id if the body looks like an event; used only to read a batch's recipients at once. */
export function peekAccountId(body: string): string | undefined {
  try {
    const value = unwrapSnsEnvelope(JSON.parse(body) as unknown);
    const data = isRecord(value) ? value.data : undefined;
    return isRecord(data) && typeof data.accountId === 'string' ? data.accountId : undefined;
  } catch {
    return undefined;
  }
}
