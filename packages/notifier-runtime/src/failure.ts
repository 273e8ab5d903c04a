import { PermanentError, PluginError, RetryableError } from '@bank/plugin-sdk';
import { NotifierError } from './errors';
import type { QueueMessageAttribute } from './ports';

/** What a failure looked like; becomes the DLQ `failure-*` attributes and the delivery's `lastError`. */
export interface FailureInfo {
  readonly class: string;
  readonly reason: string;
  readonly code?: string;
  readonly provider?: string;
}

const MAX_REASON_LENGTH = 1000;

export function failureOf(error: unknown): FailureInfo {
  if (error instanceof PluginError) {
    const providerCode = error instanceof PermanentError || error instanceof RetryableError ? error.providerCode : undefined;
    return {
      class: error.name,
      reason: error.message.slice(0, MAX_REASON_LENGTH),
      ...(providerCode !== undefined ? { code: String(providerCode) } : {}),
      ...(error.provider ? { provider: error.provider } : {}),
    };
  }
  if (error instanceof NotifierError) return { class: error.name, reason: error.message.slice(0, MAX_REASON_LENGTH), code: error.code };
  if (error instanceof Error) return { class: error.name, reason: error.message.slice(0, MAX_REASON_LENGTH) };
  return { class: 'Error', reason: String(error).slice(0, MAX_REASON_LENGTH) };
}

/** The attributes a permanent failure carries to the DLQ (docs/internal-contracts.md). */
export function deadLetterAttributes(
  original: Readonly<Record<string, QueueMessageAttribute>>,
  failure: FailureInfo,
  attempts: number,
  failedAt: Date,
): Record<string, QueueMessageAttribute> {
  const attributes: Record<string, QueueMessageAttribute> = {};
  for (const [name, value] of Object.entries(original)) {
    // Attributes of an earlier failure (a replayed message) are replaced below, not kept twice.
    if (name.startsWith('failure-') || name === 'failed-at') continue;
    attributes[name] = {
      dataType: value.dataType,
      ...(value.stringValue !== undefined ? { stringValue: value.stringValue } : {}),
      ...(value.binaryValue !== undefined ? { binaryValue: value.binaryValue } : {}),
    };
  }
  attributes['failure-class'] = { dataType: 'String', stringValue: failure.class };
  attributes['failure-reason'] = { dataType: 'String', stringValue: failure.reason || failure.class };
  if (failure.code) attributes['failure-code'] = { dataType: 'String', stringValue: failure.code };
  if (failure.provider) attributes['failure-provider'] = { dataType: 'String', stringValue: failure.provider };
  attributes['failure-attempts'] = { dataType: 'Number', stringValue: String(attempts) };
  attributes['failed-at'] = { dataType: 'String', stringValue: failedAt.toISOString() };
  return attributes;
}
