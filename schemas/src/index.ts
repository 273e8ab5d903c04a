export { validateOpenAccountRequest, validateUpdateAccountRequest, validatePushSubscriptionRequest, validateReasonRequest, validateDepositRequest, validateWithdrawRequest, validateTransferRequest } from './request-validators';
export { validateEvent, validateEventEnvelope, validateMoneyEvent, validateNotifiableEvent, isNotifiedEvent, isNotifiedEventType, assertValidEvent } from './event-validators';
export {
  EVENT_TYPES,
  MONEY_EVENT_TYPES,
  EVENT_SOURCE,
  eventSchemaVersion,
  dataSchemaUri,
  isEventType,
  isMoneyEvent,
} from './event-types';
export type { EventType, MoneyEventType, EventsByType, BankEvent, MoneyEvent } from './event-types';
export { apiRequestSchemas, eventSchemas, eventEnvelopeSchema, API_REQUEST_NAMES } from './raw-schemas';
export type { JsonSchemaObject, ApiRequestName } from './raw-schemas';
export { SchemaError, EventValidationError } from './errors';
export { checkBackwardCompatible } from './compatibility';
export { toValidationIssues, runValidator } from './validation-issues';
export type { ValidationIssue, ValidationResult, CompiledValidator } from './validation-issues';
export type { OpenAccountRequest, NotificationPreferences } from './generated/OpenAccountRequest.generated';
export type { UpdateAccountRequest, NotificationChanges } from './generated/UpdateAccountRequest.generated';
export type { PushSubscriptionRequest, PushSubscriptionKeys } from './generated/PushSubscriptionRequest.generated';
export type { ReasonRequest } from './generated/ReasonRequest.generated';
export { MAX_ISSUES } from './validation-issues';
export type { DepositRequest } from './generated/DepositRequest.generated';
export type { WithdrawRequest } from './generated/WithdrawRequest.generated';
export type { TransferRequest } from './generated/TransferRequest.generated';
export type { EventEnvelope } from './generated/EventEnvelope.v1.generated';
export type { AccountOpenedEvent, AccountOpenedData, NotificationChannelChoices } from './generated/AccountOpened.v2.generated';
export type { MoneyDepositedEvent, MoneyDepositedData } from './generated/MoneyDeposited.v1.generated';
export type { MoneyWithdrawnEvent, MoneyWithdrawnData } from './generated/MoneyWithdrawn.v1.generated';
export type { TransferSentEvent, TransferSentData } from './generated/TransferSent.v1.generated';
export type { TransferReceivedEvent, TransferReceivedData } from './generated/TransferReceived.v1.generated';
export type { RiskCaseOpenedEvent, RiskCaseOpenedData } from './generated/RiskCaseOpened.v1.generated';
export type { AccountFrozenEvent, AccountFrozenData } from './generated/AccountFrozen.v1.generated';
export type { AccountUnfrozenEvent, AccountUnfrozenData } from './generated/AccountUnfrozen.v1.generated';
export type { AccountClosedEvent, AccountClosedData } from './generated/AccountClosed.v1.generated';
export type { DebitHeldEvent, DebitHeldData } from './generated/DebitHeld.v1.generated';
export type { HoldApprovedEvent, HoldApprovedData } from './generated/HoldApproved.v1.generated';
export type { HoldDeclinedEvent, HoldDeclinedData } from './generated/HoldDeclined.v1.generated';
export type { RiskPolicyChangedEvent, RiskPolicyChangedData } from './generated/RiskPolicyChanged.v1.generated';
export type { NotificationChannelDisabledEvent, NotificationChannelDisabledData } from './generated/NotificationChannelDisabled.v1.generated';
