import type { OutboundMessage, PluginInstance } from './contract';
import { type FallbackAttempt, PermanentError, PluginConfigError, type PluginError, RetryableError } from './errors';

export interface FallbackProvider {
  readonly id: string;
  readonly instance: PluginInstance;
}

export interface FallbackResult {
  readonly provider: string;
  readonly providerMessageId: string;
  readonly attempts: readonly FallbackAttempt[];
}

function asPluginError(error: unknown): PluginError {
  if (error instanceof RetryableError || error instanceof PermanentError) return error;
  // Anything else (a bug, an SDK error the plugin did not map) may well pass on another try.
  const message = error instanceof Error ? error.message : String(error);
  return new RetryableError(`unclassified provider failure: ${message}`, { cause: error });
}

/**
 * Sends through the providers in order. A RetryableError moves on to the next provider; a
 * PermanentError stops at once and is rethrown (the message itself is bad, another provider will
 * not help). When every provider failed retryably, the last RetryableError is thrown. The thrown
 * error carries `provider` (who failed) and `attempts` (everyone tried, in order).
 */
export async function sendWithFallback(providers: readonly FallbackProvider[], message: OutboundMessage): Promise<FallbackResult> {
  if (providers.length === 0) throw new PluginConfigError(`no provider configured for channel ${message.channel}`);
  const attempts: FallbackAttempt[] = [];
  let last: PluginError | undefined;
  for (const provider of providers) {
    try {
      const { providerMessageId } = await provider.instance.send(message);
      attempts.push({ provider: provider.id });
      return { provider: provider.id, providerMessageId, attempts };
    } catch (thrown) {
      const error = asPluginError(thrown);
      error.provider ??= provider.id;
      attempts.push({ provider: provider.id, error });
      last = error;
      if (error instanceof PermanentError) break;
    }
  }
  const failure = last as PluginError;
  failure.attempts = attempts;
  throw failure;
}
