import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Outcome, SkipReason } from './process-record';
import type { NotifierLogger } from './ports';

export const METRICS_NAMESPACE = 'Bank/Notifier';

/** Skip reasons that are the customer's own choice; every other skip is a gap. */
export const CUSTOMER_CHOICES: readonly SkipReason[] = ['channel-off'];

/** What could not be delivered, and not because the customer chose so: one per skip or address left out. */
export function gapsOf(outcome: Outcome): { reason: string; addressId?: string }[] {
  const skipped = outcome.kind === 'skipped' && !CUSTOMER_CHOICES.includes(outcome.reason) ? [{ reason: outcome.reason }] : [];
  return [...skipped, ...(outcome.gaps ?? [])];
}

/**
 * Counts outcomes per channel/provider, the latency from event time to sent, every gap
 * (`NotificationGaps` by channel and reason) and cold-start problems (`NotifierConfigProblems`).
 */
export interface NotifierMetrics {
  record(outcome: Outcome, now: Date): void;
  /** A cold-start problem of a channel: `provider-unavailable`, `missing-template`, `no-provider`. */
  configProblem(channel: string, problem: string): void;
}

export function createPowertoolsLogger(serviceName: string): NotifierLogger {
  return new Logger({ serviceName });
}

/**
 * EMF metrics through Powertools: one blob per outcome with its own dimensions. record() is
 * synchronous, so concurrent records of a batch never mix their dimensions.
 */
export function createPowertoolsMetrics(serviceName: string): NotifierMetrics {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  return {
    record(outcome, now) {
      metrics.addDimensions({
        channel: outcome.channel,
        outcome: outcome.kind,
        ...(outcome.kind === 'sent' && outcome.provider ? { provider: outcome.provider } : {}),
        ...(outcome.kind === 'skipped' ? { reason: outcome.reason } : {}),
      });
      metrics.addMetric('Notifications', MetricUnit.Count, 1);
      if (outcome.kind === 'sent' && outcome.eventTime) {
        const latency = now.getTime() - Date.parse(outcome.eventTime);
        if (Number.isFinite(latency) && latency >= 0) metrics.addMetric('DeliveryLatency', MetricUnit.Milliseconds, latency);
      }
      metrics.publishStoredMetrics();
      for (const gap of gapsOf(outcome)) {
        metrics.addDimensions({ channel: outcome.channel, reason: gap.reason });
        metrics.addMetric('NotificationGaps', MetricUnit.Count, 1);
        metrics.publishStoredMetrics();
      }
    },
    configProblem(channel, problem) {
      metrics.addDimensions({ channel, problem });
      metrics.addMetric('NotifierConfigProblems', MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    },
  };
}

/** The log line of one outcome: ids and codes only, never addresses or message text. */
export function outcomeLogFields(outcome: Outcome): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    outcome: outcome.kind,
    channel: outcome.channel,
    messageId: outcome.messageId,
    attempt: outcome.attempt,
    eventId: outcome.eventId,
    eventType: outcome.eventType,
    correlationId: outcome.correlationId,
  };
  switch (outcome.kind) {
    case 'sent':
      return { ...fields, provider: outcome.provider, providerMessageId: outcome.providerMessageId, providerAttempts: outcome.attempts, addresses: outcome.addresses };
    case 'duplicate':
      return { ...fields, deliveryStatus: outcome.status };
    case 'skipped':
      return { ...fields, reason: outcome.reason };
    case 'retry':
    case 'permanent':
      // failure.reason is left out: provider messages can quote the address.
      return {
        ...fields,
        provider: outcome.failure.provider,
        failureClass: outcome.failure.class,
        failureCode: outcome.failure.code,
        ...(outcome.kind === 'retry' ? { delaySeconds: outcome.delaySeconds } : {}),
      };
  }
}

/** One line per outcome, plus a warning per gap (a skip or an address left out that the customer did not choose). */
export function logOutcome(logger: NotifierLogger, outcome: Outcome): void {
  const fields = outcomeLogFields(outcome);
  if (outcome.kind === 'permanent') logger.error('notification failed permanently', fields);
  else if (outcome.kind === 'retry') logger.warn('notification will be retried', fields);
  else if (outcome.kind === 'skipped' && !CUSTOMER_CHOICES.includes(outcome.reason)) logger.warn('notification skipped', fields);
  else logger.info(`notification ${outcome.kind}`, fields);
  for (const gap of outcome.gaps ?? []) {
    logger.warn('address not used', { channel: outcome.channel, eventId: outcome.eventId, addressId: gap.addressId, reason: gap.reason });
  }
}
