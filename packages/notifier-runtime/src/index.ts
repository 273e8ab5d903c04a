export { createNotifierHandler } from './create-notifier-handler';
export type { NotifierHandler, NotifierHandlerOptions } from './create-notifier-handler';
export { processRecord } from './process-record';
export type { Outcome, OutcomeContext, FailureInfo, SkipReason, AddressGap, ProcessPorts, NotifierProvider, NotifierRecord } from './process-record';
export { deadLetterAttributes, failureOf } from './failure';
export { receiveCountOf } from './receive-count';
export { decodeEvent, peekAccountId, peekEventId } from './decode-event';
export { compileTemplate, mergeTemplates, missingTemplates, renderNotification, templateContext, templatesFromChannels, TEMPLATE_PLACEHOLDERS } from './templates';
export type { Template, TemplateSet, TemplateContext, RenderedTemplate } from './templates';
export { backoffSeconds, backoffCeilingSeconds } from './backoff';
export { notifierConfigFromEnv, readManifestSource } from './config';
export type { NotifierEnvConfig, EnvSource } from './config';
export { effectiveManifest, loadProviders } from './load-providers';
export type { ProviderSetup } from './load-providers';
export { createPowertoolsLogger, createPowertoolsMetrics, CUSTOMER_CHOICES, gapsOf, logOutcome, outcomeLogFields, METRICS_NAMESPACE } from './observability';
export type { NotifierMetrics } from './observability';
export { silentLogger } from './ports';
export type {
  Address,
  ExcludedAddress,
  Recipient,
  RecipientDirectory,
  RegistrySource,
  DeliveryLedger,
  DeliveryStatus,
  AcceptedMessage,
  SentUpdate,
  SentEntry,
  DeliveryError,
  DeliveryKey,
  DeliveredTo,
  ClaimRequest,
  ClaimResult,
  FinishBase,
  QueueOps,
  QueueMessageAttribute,
  ReceivedMessageRef,
  NotifierLogger,
} from './ports';
export { accountFromItem, identityAddresses, registryAddresses } from './recipients';
export type { AccountView, AddressBook } from './recipients';
export { DynamoRecipientDirectory } from './adapters/dynamo-recipient-directory';
export type { DynamoRecipientDirectoryOptions } from './adapters/dynamo-recipient-directory';
export { DynamoDeliveryLedger } from './adapters/dynamo-delivery-ledger';
export { deliveryId, deliveryIdOfNotificationKey, expiryOf, messageLookupId, notificationKey } from './delivery-keys';
export { maskAddress, maskAddresses } from './mask-address';
export type { DynamoDeliveryLedgerOptions } from './adapters/dynamo-delivery-ledger';
export { SqsQueueOps, queueNameFromArn } from './adapters/sqs-queue-ops';
export type { SqsQueueOpsOptions } from './adapters/sqs-queue-ops';
export { NotifierError, InvalidMessageError, UnknownAccountError, DeliveryInProgressError, NotifierConfigError } from './errors';
export { resolveSecretEnv } from './provider-secrets';
export { runGrouped } from './run-grouped';
export type { SecretSource } from './provider-secrets';
export { SecretsManagerSource } from './adapters/secrets-manager-source';
