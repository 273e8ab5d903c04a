import { isMoneyEvent, validateMoneyEvent, type MoneyEvent } from '@bank/schemas';
import { InvalidMessageError } from '../domain/errors';

/** A money event to look at, or a valid event of another type (a rule that matches more than it should). */
export type DecodedMessage = { readonly kind: 'money'; readonly event: MoneyEvent } | { readonly kind: 'other'; readonly eventId: string; readonly eventType: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * SQS body (the EventBridge event an EventBridge rule delivers, whose `detail` is the CloudEvent)
 * → a validated money event, or another type in a valid envelope (its data is not this consumer's
 * to check, and checking only money events keeps the other types' validators out of the bundle).
 * Throws InvalidMessageError (a permanent failure) for anything else;
 * issue paths point into the body (`/detail/data/amount`), messages never quote values.
 */
export function decodeMessage(body: string): DecodedMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch (error) {
    throw new InvalidMessageError('message body is not valid JSON', 'INVALID_JSON', [], { cause: error });
  }
  if (!isRecord(parsed) || !isRecord(parsed.detail)) {
    throw new InvalidMessageError('message body is not an EventBridge event with a detail object', 'INVALID_EVENT', [{ path: '/detail', message: 'must be an object' }]);
  }
  const result = validateMoneyEvent(parsed.detail);
  if (!result.ok) {
    const errors = result.errors.map((issue) => ({ path: `/detail${issue.path === '/' ? '' : issue.path}`, message: issue.message }));
    const summary = errors.slice(0, 5).map((issue) => `${issue.path} ${issue.message}`).join('; ');
    throw new InvalidMessageError(`event failed schema validation: ${summary}`, 'INVALID_EVENT', errors);
  }
  const event = result.value;
  return isMoneyEvent(event) ? { kind: 'money', event } : { kind: 'other', eventId: event.id, eventType: event.type };
}
