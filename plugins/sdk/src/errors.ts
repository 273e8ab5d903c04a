/** Base error of the plugin SDK; every error a plugin throws from `send` should be one of its subclasses. */
export class PluginError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PluginError';
  }
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

/** A plugin's config does not match its declared configSchema, or the module is not a plugin. */
export class PluginConfigError extends PluginError {
  readonly errors: readonly { path: string; message: string }[];
  constructor(message: string, errors: readonly { path: string; message: string }[] = []) {
    super(message);
    this.name = 'PluginConfigError';
    this.errors = errors;
  }
}
