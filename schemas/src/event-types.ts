/** Event type names, versions and the TS types of the events (generated from the schemas). */
import type { AccountOpenedEvent } from './generated/AccountOpened.v2.generated';
import type { MoneyDepositedEvent } from './generated/MoneyDeposited.v1.generated';
import type { MoneyWithdrawnEvent } from './generated/MoneyWithdrawn.v1.generated';
import type { TransferSentEvent } from './generated/TransferSent.v1.generated';
import type { TransferReceivedEvent } from './generated/TransferReceived.v1.generated';
import type { RiskCaseOpenedEvent } from './generated/RiskCaseOpened.v1.generated';
import type { AccountFrozenEvent } from './generated/AccountFrozen.v1.generated';
import type { AccountUnfrozenEvent } from './generated/AccountUnfrozen.v1.generated';
import type { AccountClosedEvent } from './generated/AccountClosed.v1.generated';
import type { DebitHeldEvent } from './generated/DebitHeld.v1.generated';
import type { HoldApprovedEvent } from './generated/HoldApproved.v1.generated';
import type { HoldDeclinedEvent } from './generated/HoldDeclined.v1.generated';
import type { RiskPolicyChangedEvent } from './generated/RiskPolicyChanged.v1.generated';
import type { NotificationChannelDisabledEvent } from './generated/NotificationChannelDisabled.v1.generated';

export const EVENT_SOURCE = 'bank.account';

export const EVENT_TYPES = ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'TransferSent', 'TransferReceived', 'RiskCaseOpened', 'AccountFrozen', 'AccountUnfrozen', 'AccountClosed', 'DebitHeld', 'HoldApproved', 'HoldDeclined', 'RiskPolicyChanged', 'NotificationChannelDisabled'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const MONEY_EVENT_TYPES = ['MoneyDeposited', 'MoneyWithdrawn', 'TransferSent', 'TransferReceived'] as const;
export type MoneyEventType = (typeof MONEY_EVENT_TYPES)[number];

export interface EventsByType {
  AccountOpened: AccountOpenedEvent;
  MoneyDeposited: MoneyDepositedEvent;
  MoneyWithdrawn: MoneyWithdrawnEvent;
  TransferSent: TransferSentEvent;
  TransferReceived: TransferReceivedEvent;
  RiskCaseOpened: RiskCaseOpenedEvent;
  AccountFrozen: AccountFrozenEvent;
  AccountUnfrozen: AccountUnfrozenEvent;
  AccountClosed: AccountClosedEvent;
  DebitHeld: DebitHeldEvent;
  HoldApproved: HoldApprovedEvent;
  HoldDeclined: HoldDeclinedEvent;
  RiskPolicyChanged: RiskPolicyChangedEvent;
  NotificationChannelDisabled: NotificationChannelDisabledEvent;
}

export type BankEvent = EventsByType[EventType];
export type MoneyEvent = EventsByType[MoneyEventType];

/** Schema version currently published per type (the SNS `version` attribute, as a number). */
const CURRENT_VERSIONS: Readonly<Record<EventType, number>> = {
  AccountOpened: 2,
  MoneyDeposited: 1,
  MoneyWithdrawn: 1,
  TransferSent: 1,
  TransferReceived: 1,
  RiskCaseOpened: 1,
  AccountFrozen: 1,
  AccountUnfrozen: 1,
  AccountClosed: 1,
  DebitHeld: 1,
  HoldApproved: 1,
  HoldDeclined: 1,
  RiskPolicyChanged: 1,
  NotificationChannelDisabled: 1,
};

export function eventSchemaVersion(type: EventType): number {
  return CURRENT_VERSIONS[type];
}

/** The CloudEvents `dataschema` of the current version, e.g. `urn:bank:events:MoneyDeposited:v1`. */
export function dataSchemaUri(type: EventType): string {
  return `urn:bank:events:${type}:v${eventSchemaVersion(type)}`;
}

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

export function isMoneyEvent(event: { readonly type: string }): event is MoneyEvent {
  return (MONEY_EVENT_TYPES as readonly string[]).includes(event.type);
}
