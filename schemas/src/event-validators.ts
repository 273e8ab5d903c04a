/**
 * Event validators, compiled at build time; used by the outbox relay, the notifiers and the risk
 * detection. An event is valid when its envelope is and what its type adds (the `type` and
 * `dataschema` constants and `data`) is: exactly the event's schema (scripts/render-validators.ts).
 */
import { EventValidationError } from './errors';
import { EVENT_TYPES, isEventType, type BankEvent, type EventsByType } from './event-types';
import * as compiled from './generated/event-validators.generated';
import { invalid, runValidator, type CompiledValidator, type ValidationResult } from './validation-issues';
import type { EventEnvelope } from './generated/EventEnvelope.v1.generated';

const envelope = compiled.EventEnvelope as CompiledValidator<EventEnvelope>;

const byType: { readonly [K in keyof EventsByType]: CompiledValidator<EventsByType[K]> } = {
  AccountOpened: compiled.AccountOpened as CompiledValidator<EventsByType['AccountOpened']>,
  MoneyDeposited: compiled.MoneyDeposited as CompiledValidator<EventsByType['MoneyDeposited']>,
  MoneyWithdrawn: compiled.MoneyWithdrawn as CompiledValidator<EventsByType['MoneyWithdrawn']>,
  TransferSent: compiled.TransferSent as CompiledValidator<EventsByType['TransferSent']>,
  TransferReceived: compiled.TransferReceived as CompiledValidator<EventsByType['TransferReceived']>,
  RiskCaseOpened: compiled.RiskCaseOpened as CompiledValidator<EventsByType['RiskCaseOpened']>,
  AccountFrozen: compiled.AccountFrozen as CompiledValidator<EventsByType['AccountFrozen']>,
  AccountUnfrozen: compiled.AccountUnfrozen as CompiledValidator<EventsByType['AccountUnfrozen']>,
  AccountClosed: compiled.AccountClosed as CompiledValidator<EventsByType['AccountClosed']>,
  DebitHeld: compiled.DebitHeld as CompiledValidator<EventsByType['DebitHeld']>,
  HoldApproved: compiled.HoldApproved as CompiledValidator<EventsByType['HoldApproved']>,
  HoldDeclined: compiled.HoldDeclined as CompiledValidator<EventsByType['HoldDeclined']>,
  RiskPolicyChanged: compiled.RiskPolicyChanged as CompiledValidator<EventsByType['RiskPolicyChanged']>,
  NotificationChannelDisabled: compiled.NotificationChannelDisabled as CompiledValidator<EventsByType['NotificationChannelDisabled']>,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates any bank event against the schema of its `type`. */
export function validateEvent(input: unknown): ValidationResult<BankEvent> {
  if (!isRecord(input)) return invalid('/', 'must be an object');
  const type = input['type'];
  if (type === undefined) return invalid('/type', 'is required');
  if (!isEventType(type)) return invalid('/type', `must be one of: ${EVENT_TYPES.join(', ')}`);
  const inEnvelope = runValidator(envelope, input);
  if (!inEnvelope.ok) return inEnvelope;
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
