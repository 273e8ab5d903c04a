/** Base error of the plugin SDK; every error a plugin throws from `send` should be one of its subclasses. */
export class PluginError extends Error {
  /** Id of the provider that failed; set by `sendWithFallback` when the plugin did not. */
  provider?: string;
  /** Every provider tried for the message, in order; set by `sendWithFallback` on the error it throws. */
  attempts?: readonly FallbackAttempt[];
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PluginError';
  }
}

/** One provider tried by `sendWithFallback`; `error` is absent for the provider that succeeded. */
export interface FallbackAttempt {
  readonly provider: string;
  readonly error?: PluginError;
}

export interface ProviderFailure {
  /** Provider's own error code when it gave one (e.g. Twilio 21211, HTTP 429). */
  readonly providerCode?: string | number;
  /** HTTP status of the provider's answer, if any. */
  readonly status?: number;
  readonly cause?: unknown;
}

/** Worth trying again later (timeouts, 429, 5xx): the notifier backs off and retries, then falls back. */
export class RetryableError extends PluginError {
  readonly providerCode?: string | number;
  readonly status?: number;
  constructor(message: string, failure: ProviderFailure = {}) {
    super(message, { cause: failure.cause });
    this.name = 'RetryableError';
    this.providerCode = failure.providerCode;
    this.status = failure.status;
  }
}

/** Will never succeed as sent (invalid number, recipient opted out): straight to the DLQ. */
export class PermanentError extends PluginError {
  readonly providerCode?: string | number;
  readonly status?: number;
  constructor(message: string, failure: ProviderFailure = {}) {
    super(message, { cause: failure.cause });
    this.name = 'PermanentError';
    this.providerCode = failure.providerCode;
    this.status = failure.status;
  }
}

/**
 * The provider says the address no longer exists (an expired or unsubscribed endpoint, an
 * uninstalled app). Sending to it again will never work; another provider will not help either.
 * The host forgets a registered address (only if it is still the one that failed) and records the
 * delivery as skipped instead of dead-lettering it. A `PermanentError` for hosts that do not know it.
 */
export class AddressGoneError extends PermanentError {
  constructor(message: string, failure: ProviderFailure = {}) {
    super(message, failure);
    this.name = 'AddressGoneError';
  }
}

/** A plugin's config does not match its declared configSchema, or the module is not a plugin. */
export class PluginConfigError extends PluginError {
  readonly errors: readonly { path: string; message: string }[];
  constructor(message: string, errors: readonly { path: string; message: string }[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PluginConfigError';
    this.errors = errors;
  }
}

/** The notifier manifest is malformed or references an environment variable that is not set. */
export class ManifestError extends PluginConfigError {
  constructor(message: string, errors: readonly { path: string; message: string }[] = []) {
    super(message, errors);
    this.name = 'ManifestError';
  }
}

/** Why a callback was refused: no signature, a signature that does not verify, or one outside the replay window. */
export type CallbackVerificationFailure = 'missing' | 'invalid' | 'stale';

/** A status callback that is not signed by the provider: the host answers 401/403 and changes nothing. */
export class CallbackVerificationError extends PluginError {
  readonly reason: CallbackVerificationFailure;
  constructor(reason: CallbackVerificationFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CallbackVerificationError';
    this.reason = reason;
  }
}

/** A verified status callback whose body cannot be read: the host answers 400 and changes nothing. */
export class CallbackFormatError extends PluginError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CallbackFormatError';
  }
}
