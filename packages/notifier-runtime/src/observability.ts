import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Outcome } from './process-record';
import type { NotifierLogger } from './ports';

export const METRICS_NAMESPACE = 'Bank/Notifier';

/** Counts outcomes per channel/provider and the latency from event time to sent. */
export interface NotifierMetrics {
  record(outcome: Outcome, now: Date): void;
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
      metrics.addDimensions({ channel: outcome.channel, outcome: outcome.kind, ...(outcome.kind === 'sent' ? { provider: outcome.provider } : {}) });
      metrics.addMetric('Notifications', MetricUnit.Count, 1);
      if (outcome.kind === 'sent' && outcome.eventTime) {
        const latency = now.getTime() - Date.parse(outcome.eventTime);
        if (Number.isFinite(latency) && latency >= 0) metrics.addMetric('DeliveryLatency', MetricUnit.Milliseconds, latency);
      }
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
      return { ...fields, provider: outcome.provider, providerMessageId: outcome.providerMessageId, providerAttempts: outcome.attempts };
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

export function logOutcome(logger: NotifierLogger, outcome: Outcome): void {
  const fields = outcomeLogFields(outcome);
  if (outcome.kind === 'permanent') logger.error('notification failed permanently', fields);
  else if (outcome.kind === 'retry') logger.warn('notification will be retried', fields);
  else logger.info(`notification ${outcome.kind}`, fields);
}
