/** Why a channel is turned off for a customer (recorded by the account service with the change). */
export interface DisableReason {
  readonly code: 'hard-bounce' | 'unreachable';
  /** The provider that reported it (plugin id). */
  readonly provider: string;
  /** `<eventId>#<channel>` of the delivery that bounced. */
  readonly deliveryId: string;
  readonly accountId: string;
}

/**
 * Turns a channel off on every account of a customer (the account service's `disableChannel`):
 * idempotent, `changed: false` when it was off already.
 */
export interface ChannelDisabler {
  disableChannel(customerId: string, channel: string, reason: DisableReason): Promise<{ readonly changed: boolean }>;
}

/** Counts of what callbacks did; ids and codes only. */
export interface StatusMetrics {
  /** A status a provider reported that changed a delivery, with the time from send to it (delivered only). */
  statusChanged(change: { channel: string; provider: string; status: string; latencyMs?: number }): void;
  /** A callback refused before anything was read (`signature-missing`, `signature-invalid`, `signature-stale`, `malformed`, `too-large`). */
  refused(provider: string, reason: string): void;
  /** A channel turned off for a customer. */
  channelDisabled(channel: string, code: string): void;
}

/** The narrow logger shared with the notifiers (the Powertools Logger satisfies it). Never pass PII. */
export type { NotifierLogger as StatusLogger } from '@bank/notifier-runtime';
