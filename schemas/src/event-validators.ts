/** Event validators, compiled once at module load; used by the outbox relay and the notifiers. */
import type { ValidateFunction } from 'ajv/dist/2020';
import { ajv } from './ajv';
import { EventValidationError } from './errors';
import { EVENT_TYPES, isEventType, type BankEvent, type EventsByType } from './event-types';
import { eventEnvelopeSchema, eventSchemas } from './raw-schemas';
import { invalid, runValidator, type ValidationResult } from './validation-issues';
import type { EventEnvelope } from './generated/EventEnvelope.v1.generated';

const envelope = ajv.compile<EventEnvelope>(eventEnvelopeSchema);

const byType: { readonly [K in keyof EventsByType]: ValidateFunction<EventsByType[K]> } = {
  AccountOpened: ajv.compile<EventsByType['AccountOpened']>(eventSchemas.AccountOpened),
  MoneyDeposited: ajv.compile<EventsByType['MoneyDeposited']>(eventSchemas.MoneyDeposited),
  MoneyWithdrawn: ajv.compile<EventsByType['MoneyWithdrawn']>(eventSchemas.MoneyWithdrawn),
  TransferSent: ajv.compile<EventsByType['TransferSent']>(eventSchemas.TransferSent),
  TransferReceived: ajv.compile<EventsByType['TransferReceived']>(eventSchemas.TransferReceived),
  RiskCaseOpened: ajv.compile<EventsByType['RiskCaseOpened']>(eventSchemas.RiskCaseOpened),
  AccountFrozen: ajv.compile<EventsByType['AccountFrozen']>(eventSchemas.AccountFrozen),
  AccountUnfrozen: ajv.compile<EventsByType['AccountUnfrozen']>(eventSchemas.AccountUnfrozen),
  AccountClosed: ajv.compile<EventsByType['AccountClosed']>(eventSchemas.AccountClosed),
  DebitHeld: ajv.compile<EventsByType['DebitHeld']>(eventSchemas.DebitHeld),
  HoldApproved: ajv.compile<EventsByType['HoldApproved']>(eventSchemas.HoldApproved),
  HoldDeclined: ajv.compile<EventsByType['HoldDeclined']>(eventSchemas.HoldDeclined),
  RiskPolicyChanged: ajv.compile<EventsByType['RiskPolicyChanged']>(eventSchemas.RiskPolicyChanged),
  NotificationChannelDisabled: ajv.compile<EventsByType['NotificationChannelDisabled']>(eventSchemas.NotificationChannelDisabled),
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates any bank event against the schema of its `type`. */
export function validateEvent(input: unknown): ValidationResult<BankEvent> {
  if (!isRecord(input)) return invalid('/', 'must be an object');
  const type = input['type'];
  if (type === undefined) return invalid('/type', 'is required');
  if (!isEventType(type)) return invalid('/type', `must be one of: ${EVENT_TYPES.join(', ')}`);
  return runValidator<BankEvent>(byType[type], input);
}

/** Validates only the CloudEvents envelope, for consumers that pass through types they do not know. */
export function validateEventEnvelope(input: unknown): ValidationResult<EventEnvelope> {
  return runValidator(envelope, input);
}

/** Like validateEvent, but throws EventValidationError; for producers where an invalid event is a bug. */
export function assertValidEvent(input: unknown): BankEvent {
  const result = validateEvent(input);
  if (!result.ok) throw new EventValidationError(result.errors);
  return result.value;
}
