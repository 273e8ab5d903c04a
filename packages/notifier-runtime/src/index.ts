export { createNotifierHandler } from './create-notifier-handler';
export type { NotifierHandler, NotifierHandlerOptions } from './create-notifier-handler';
export { processRecord, deadLetterAttributes, failureOf } from './process-record';
export type { Outcome, OutcomeContext, FailureInfo, SkipReason, ProcessPorts, NotifierRecord } from './process-record';
export { decodeEvent, peekEventId } from './decode-event';
export { DEFAULT_TEMPLATES, mergeTemplates, renderNotification, templateContext } from './templates';
export type { Template, TemplateSet, TemplateContext, RenderedTemplate } from './templates';
export { backoffSeconds, backoffCeilingSeconds } from './backoff';
export { notifierConfigFromEnv, readManifestSource } from './config';
export type { NotifierEnvConfig, EnvSource } from './config';
export { createPowertoolsLogger, createPowertoolsMetrics, logOutcome, outcomeLogFields, METRICS_NAMESPACE } from './observability';
export type { NotifierMetrics } from './observability';
export { silentLogger } from './ports';
export type {
  Recipient,
  RecipientDirectory,
  DeliveryLedger,
  DeliveryStatus,
  DeliveryError,
  DeliveryKey,
  ClaimRequest,
  ClaimResult,
  FinishBase,
  QueueOps,
  QueueMessageAttribute,
  ReceivedMessageRef,
  NotifierLogger,
} from './ports';
export { DynamoRecipientDirectory, recipientFromItem } from './adapters/dynamo-recipient-directory';
export type { DynamoRecipientDirectoryOptions } from './adapters/dynamo-recipient-directory';
export { DynamoDeliveryLedger, deliveryId } from './adapters/dynamo-delivery-ledger';
export type { DynamoDeliveryLedgerOptions } from './adapters/dynamo-delivery-ledger';
export { SqsQueueOps, queueNameFromArn } from './adapters/sqs-queue-ops';
export type { SqsQueueOpsOptions } from './adapters/sqs-queue-ops';
export { NotifierError, InvalidMessageError, UnknownAccountError, DeliveryInProgressError, NotifierConfigError } from './errors';
export { resolveSecretEnv, envSuffix } from './provider-secrets';
export type { SecretSource } from './provider-secrets';
export { SecretsManagerSource } from './adapters/secrets-manager-source';
