/**
 * Event validators, compiled at build time; used by the outbox relay, the notifiers and the risk
 * detection. An event is valid when its envelope is and what its type adds (the `type` and
 * `dataschema` constants and `data`) is: exactly the event's schema (scripts/render-validators.ts).
 */
import { EventValidationError } from './errors';
import { EVENT_TYPES, isEventType, MONEY_EVENT_TYPES, type BankEvent, type EventsByType, type EventType, type MoneyEvent, type MoneyEventType } from './event-types';
import * as compiled from './generated/event-validators.generated';
import * as compiledMoney from './generated/money-event-validators.generated';
import * as compiledNotified from './generated/notification-event-validators.generated';
import { withPersonalDataGuard } from './personal-data-guard';
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

// Their own generated module, so a bundle that checks money events only carries their validators alone.
const moneyEnvelope = compiledMoney.EventEnvelope as CompiledValidator<EventEnvelope>;
const moneyByType: { readonly [K in MoneyEventType]: CompiledValidator<EventsByType[K]> } = {
  MoneyDeposited: compiledMoney.MoneyDeposited as CompiledValidator<EventsByType['MoneyDeposited']>,
  MoneyWithdrawn: compiledMoney.MoneyWithdrawn as CompiledValidator<EventsByType['MoneyWithdrawn']>,
  TransferSent: compiledMoney.TransferSent as CompiledValidator<EventsByType['TransferSent']>,
  TransferReceived: compiledMoney.TransferReceived as CompiledValidator<EventsByType['TransferReceived']>,
};

// Their own generated module too: the types some channel subscribes to (@bank/topology, read by the
// generator). Read only inside functions: a module-level rest destructure is code esbuild must keep,
// which would put these validators in every bundle that imports this file.
const notified = (): Readonly<Record<string, CompiledValidator<unknown>>> => compiledNotified;

const isMoneyEventType = (type: EventType): type is MoneyEventType => (MONEY_EVENT_TYPES as readonly string[]).includes(type);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What every event passes first: an object of a known `type` in a valid envelope. */
function checkEnvelope(input: unknown, validator: CompiledValidator<EventEnvelope>): ValidationResult<EventEnvelope & { readonly type: EventType }> {
  if (!isRecord(input)) return invalid('/', 'must be an object');
  const type = input['type'];
  if (type === undefined) return invalid('/type', 'is required');
  if (!isEventType(type)) return invalid('/type', `must be one of: ${EVENT_TYPES.join(', ')}`);
  return runValidator(validator, input) as ValidationResult<EventEnvelope & { readonly type: EventType }>;
}

/** What an event of `type` adds to the envelope: its compiled part, then its schema's personal-data guard. */
function checkPart<T>(validator: CompiledValidator<unknown>, type: string, input: unknown): ValidationResult<T> {
  return withPersonalDataGuard(type, runValidator(validator as CompiledValidator<T>, input));
}

/** Validates any bank event against the schema of its `type`. */
export function validateEvent(input: unknown): ValidationResult<BankEvent> {
  const inEnvelope = checkEnvelope(input, envelope);
  return inEnvelope.ok ? checkPart<BankEvent>(byType[inEnvelope.value.type], inEnvelope.value.type, input) : inEnvelope;
}

/**
 * For consumers of money events only (the risk detection): any bank event's envelope, and a money
 * event's type-specific part. Another type's `data` is not checked (the consumer ignores it), so
 * its bundle carries the envelope's and the money types' validators, not every type's.
 */
export function validateMoneyEvent(input: unknown): ValidationResult<MoneyEvent | EventEnvelope> {
  const inEnvelope = checkEnvelope(input, moneyEnvelope);
  if (!inEnvelope.ok) return inEnvelope;
  const type = inEnvelope.value.type;
  return isMoneyEventType(type) ? checkPart<MoneyEvent>(moneyByType[type], type, input) : inEnvelope;
}

/**
 * Whether validateNotifiableEvent checks the data of events of this type: true for the types some
 * channel subscribes to (`@bank/topology`).
 *
 * @example isNotifiedEventType('MoneyDeposited') // true
 */
export function isNotifiedEventType(type: string): boolean {
  return type !== 'EventEnvelope' && Object.hasOwn(notified(), type);
}

/**
 * Whether an event that passed validateNotifiableEvent had its data checked, i.e. is a whole BankEvent.
 *
 * @example if (isNotifiedEvent(event)) renderNotification(event, channel, templates);
 */
export function isNotifiedEvent(event: BankEvent | EventEnvelope): event is BankEvent {
  return isNotifiedEventType(event.type);
}

/**
 * For the notifiers: any bank event's envelope, and the type-specific part of the types some
 * channel subscribes to (`@bank/topology`). Another type's `data` is not checked (no channel
 * renders it: use isNotifiedEvent before reading it), so a notifier's bundle carries the
 * envelope's and those types' validators, not every type's.
 *
 * @example const result = validateNotifiableEvent(JSON.parse(body)); if (result.ok && isNotifiedEvent(result.value)) ...
 */
export function validateNotifiableEvent(input: unknown): ValidationResult<BankEvent | EventEnvelope> {
  const inEnvelope = checkEnvelope(input, compiledNotified.EventEnvelope as CompiledValidator<EventEnvelope>);
  if (!inEnvelope.ok) return inEnvelope;
  const validator = isNotifiedEventType(inEnvelope.value.type) ? notified()[inEnvelope.value.type] : undefined;
  return validator ? checkPart(validator as CompiledValidator<BankEvent>, inEnvelope.value.type, input) : inEnvelope;
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
