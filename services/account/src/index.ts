export { createAccountApi } from './wiring';
export type { ApiWiring } from './wiring';
export { loadConfig } from './config';
export type { AccountServiceConfig } from './config';
export { AccountService, defaultNotifications } from './domain/account-service';
export type { MovementResult, TransferResult, OpenAccountInput, CommandContext } from './domain/account-service';
export {
  AccountServiceError,
  ValidationFailedError,
  AccountNotFoundError,
  AccountExistsError,
  InsufficientFundsError,
  LimitExceededError,
  SameAccountError,
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  ContentionError,
} from './domain/errors';
export type { Account, TransactionRecord, NotificationPreferences, Owner } from './domain/model';
export type { Log } from './domain/ports';
export { DEFAULT_LIMITS } from './domain/limits';
export type { Limits } from './domain/limits';
export { relayChanges } from './relay/relay';
export type { StreamChange, RelayResult } from './relay/relay';
export type { EventPublisher, OutboundEvent } from './relay/ports';
export { SnsEventBridgePublisher } from './adapters/sns-eventbridge-publisher';
export { streamRecordsToChanges } from './adapters/stream-records';
export { powertoolsLog } from './adapters/powertools-log';
