import { AddressGoneError, PermanentError, PluginError, sendWithFallback, type FallbackProvider, type FallbackResult, type OutboundMessage } from '@bank/plugin-sdk';
import type { Address } from './ports';

/** How sending one notification to each of a recipient's addresses went. */
export interface FanOutResult {
  /** Addresses a provider accepted, in address order, with who accepted them. */
  readonly sent: readonly { readonly address: Address; readonly provider: string; readonly providerMessageId: string }[];
  /** Addresses a provider said no longer exist (AddressGoneError). */
  readonly gone: readonly { readonly address: Address; readonly error: AddressGoneError }[];
  /** The first failure worth retrying (RetryableError or anything unclassified), if any. */
  readonly retryable?: unknown;
  /** The first permanent failure that is not a gone address, if any. */
  readonly permanent?: PermanentError;
  /** Provider calls made, over every address and fallback. */
  readonly providerCalls: number;
}

function callsOf(error: unknown): number {
  return error instanceof PluginError ? (error.attempts?.length ?? 1) : 1;
}

/**
 * Sends to every address concurrently, each through the providers in fallback order, and sorts the
 * answers: accepted, gone, retryable, permanent. Never throws.
 */
export async function sendToAddresses(
  providers: readonly FallbackProvider[],
  addresses: readonly Address[],
  messageFor: (address: Address) => OutboundMessage,
): Promise<FanOutResult> {
  type Settled = { address: Address; result: FallbackResult } | { address: Address; error: unknown };
  const settled = await Promise.all(
    addresses.map(async (address): Promise<Settled> => {
      try {
        return { address, result: await sendWithFallback(providers, messageFor(address)) };
      } catch (error) {
        return { address, error };
      }
    }),
  );
  const sent: FanOutResult['sent'][number][] = [];
  const gone: FanOutResult['gone'][number][] = [];
  let retryable: unknown;
  let permanent: PermanentError | undefined;
  let providerCalls = 0;
  for (const item of settled) {
    if ('result' in item) {
      sent.push({ address: item.address, provider: item.result.provider, providerMessageId: item.result.providerMessageId });
      providerCalls += item.result.attempts.length;
      continue;
    }
    providerCalls += callsOf(item.error);
    if (item.error instanceof AddressGoneError) gone.push({ address: item.address, error: item.error });
    else if (item.error instanceof PermanentError) permanent ??= item.error;
    else retryable ??= item.error;
  }
  return { sent, gone, providerCalls, ...(retryable !== undefined ? { retryable } : {}), ...(permanent ? { permanent } : {}) };
}
