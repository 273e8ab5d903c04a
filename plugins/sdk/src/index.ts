export type { ChannelPlugin, JsonSchema, LocalSettings, OutboundMessage, PluginInstance, SecretRequirement, SendResult } from './contract';
export { AddressGoneError, CallbackFormatError, CallbackVerificationError, ManifestError, PermanentError, PluginConfigError, PluginError, RetryableError } from './errors';
export type { CallbackVerificationFailure, FallbackAttempt, ProviderFailure } from './errors';
export { definePlugin } from './define-plugin';
export { checkConfig, checkPluginConfig, startCallbackReader } from './config-validation';
export type { ConfigIssue, ConfigValidationError, ConfigValidator } from './config-validation';
export { interpolateEnv, overrideManifest, parseManifest } from './manifest';
export type { Env, Manifest, ManifestProvider } from './manifest';
export { callbacksFromModule, isChannelPlugin, pluginFromModule } from './plugin-module';
export { loadChannelProviders } from './loader';
export type { ChannelRegistry, ImportPlugin, LoadedProvider, LoadOptions, ProviderLoadFailure } from './loader';
export { sendWithFallback } from './fallback';
export type { FallbackProvider, FallbackResult } from './fallback';
export { apiEnvOf, envName, localEnvOf, secretArnVariable, secretKeyVariable, secretsOf } from './host-requirements';
export type { ApiEnvEntry } from './host-requirements';
export {
  CALLBACK_PATH_PREFIX,
  callbackHeader,
  callbackProvidersOf,
  callbackUrl,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  defineCallbacks,
  MAX_NOTIFICATION_KEY_LENGTH,
  needsMessageLookup,
  notificationKeyOf,
  readCallback,
  requireHeader,
} from './callbacks';
export type { CallbackReader, CallbackRequest, ReportedStatus, StatusCallbacks, StatusReport } from './callbacks';
export { requireProviderUrl } from './production-checks';
export { fetchFailureCode } from './fetch-failure';
