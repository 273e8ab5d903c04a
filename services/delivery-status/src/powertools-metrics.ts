import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '@bank/notifier-runtime';
import type { StatusMetrics } from './ports';

/**
 * EMF metrics beside the notifiers' (`Bank/Notifier`): `DeliveryStatus` by channel, provider and
 * status (delivered, undelivered, bounced, failed), `DeliveryConfirmationLatency` from send to
 * delivered, `CallbacksRefused` by provider and reason, `ChannelsDisabled` by channel and code.
 */
export function createPowertoolsStatusMetrics(serviceName = 'delivery-status'): StatusMetrics {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  const emit = (dimensions: Record<string, string>, add: (m: Metrics) => void) => {
    metrics.addDimensions(dimensions);
    add(metrics);
    metrics.publishStoredMetrics();
  };
  return {
    statusChanged: ({ channel, provider, status, latencyMs }) =>
      emit({ channel, provider, status: status.toLowerCase() }, (m) => {
        m.addMetric('DeliveryStatus', MetricUnit.Count, 1);
        if (latencyMs !== undefined) m.addMetric('DeliveryConfirmationLatency', MetricUnit.Milliseconds, latencyMs);
      }),
    refused: (provider, reason) => emit({ provider, reason }, (m) => m.addMetric('CallbacksRefused', MetricUnit.Count, 1)),
    channelDisabled: (channel, code) => emit({ channel, code }, (m) => m.addMetric('ChannelsDisabled', MetricUnit.Count, 1)),
  };
}
