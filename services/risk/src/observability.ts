import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { RiskLogger } from './domain/ports';
import type { MessageOutcome } from './sqs/process-message';

export const METRICS_NAMESPACE = 'Bank/Risk';

/** Counts messages by outcome, cases opened by pattern and mode, and accounts frozen by pattern. */
export interface RiskMetrics {
  record(outcome: MessageOutcome): void;
}

export function createPowertoolsLogger(serviceName: string): RiskLogger {
  return new Logger({ serviceName });
}

/** EMF metrics through Powertools: one single-metric line per count, so each carries its own dimensions. */
export function createPowertoolsMetrics(serviceName: string): RiskMetrics {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  const count = (name: string, dimensions: Record<string, string>): void => {
    const single = metrics.singleMetric();
    for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
    single.addMetric(name, MetricUnit.Count, 1);
  };
  return {
    record(outcome) {
      count('RiskMessages', { outcome: outcome.kind });
      if (outcome.kind !== 'processed') return;
      for (const riskCase of outcome.opened) count('RiskCasesOpened', { pattern: riskCase.pattern, mode: riskCase.mode });
      for (const riskCase of outcome.frozen) count('RiskAccountsFrozen', { pattern: riskCase.pattern });
    },
  };
}

/** The log line of one message: ids, codes and counts only. */
export function logOutcome(logger: RiskLogger, outcome: MessageOutcome): void {
  const fields = { messageId: outcome.messageId, eventId: outcome.eventId, accountId: outcome.accountId, outcome: outcome.kind };
  switch (outcome.kind) {
    case 'processed':
      logger.debug('money event examined', { ...fields, casesOpened: outcome.opened.length, accountsFrozen: outcome.frozen.length });
      return;
    case 'ignored':
      logger.warn('not a money event; ignored', { ...fields, eventType: outcome.eventType });
      return;
    case 'retry':
      logger.warn('risk detection will be retried', { ...fields, failureClass: outcome.failure.class, failureCode: outcome.failure.code });
      return;
    case 'permanent':
      logger.error('message dead-lettered', { ...fields, failureClass: outcome.failure.class, failureCode: outcome.failure.code, reason: outcome.failure.reason });
  }
}
