export { createAccountApi } from './api-wiring';
export { createAccountService } from './wiring';
export type { ApiWiring } from './wiring';
export { loadConfig } from './config';
export type { AccountServiceConfig } from './config';
export { AccountService } from './domain/account-service';
export type { MovementResult, TransferResult, OpenAccountInput, CommandContext, CustomerOverview } from './domain/account-service';
export type { Principal } from './domain/access';
export type { ChannelRule, RegistryCounts } from './domain/channels';
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
  ForbiddenError,
  ContactNotVerifiedError,
  UnknownIdentityError,
  AccountFrozenError,
  AccountClosedError,
  BalanceNotZeroError,
  HoldNotFoundError,
  VelocityLimitError,
} from './domain/errors';
export { RISK_SERVICE_PRINCIPAL } from './domain/account-controls';
export type { Account, AccountStatus, TransactionRecord, NotificationPreferences, CustomerProfile, Contact } from './domain/model';
export type { Log, IdentityProvider, CustomerStore } from './domain/ports';
export { principalFromClaims, groupsClaim } from './http/principal';
export { ACCOUNT_API_ROUTES } from './http/api';
export { MAX_BODY_BYTES } from './http/request';
export { KNOWN_PUSH_SERVICES, PUSH_REGISTRY, checkPushEndpoint } from './http/push-subscriptions';
export type { PushConfig } from './http/push-subscriptions';
export { profileFromAttributes } from './adapters/cognito-identity-provider';
export { DEFAULT_LIMITS } from './domain/limits';
export type { Limits } from './domain/limits';
export { relayChanges } from './relay/relay';
export type { StreamChange, RelayResult } from './relay/relay';
export type { EventPublisher, OutboundEvent } from './relay/ports';
export { SnsEventBridgePublisher } from './adapters/sns-eventbridge-publisher';
export { streamRecordsToChanges } from './adapters/stream-records';
export { powertoolsLog } from './adapters/powertools-log';
