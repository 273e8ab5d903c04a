import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ApiMetrics } from '../http/api-metrics';

const TYPE_BY_ROUTE: Readonly<Record<string, string>> = {
  '/deposit': 'DEPOSIT',
  '/withdraw': 'WITHDRAWAL',
  '/transfer': 'TRANSFER',
  '/accounts': 'OPEN_ACCOUNT',
};

/** EMF metrics: one single-metric line per event, so each carries its own dimension. */
export function powertoolsApiMetrics(metrics: Metrics): ApiMetrics {
  return {
    transaction(route, replayed) {
      const type = TYPE_BY_ROUTE[route];
      if (!type) return;
      const single = metrics.singleMetric();
      single.addDimension('type', type);
      single.addMetric(replayed ? 'IdempotentReplays' : 'Transactions', MetricUnit.Count, 1);
    },
    rejection(code) {
      const single = metrics.singleMetric();
      single.addDimension('code', code);
      single.addMetric('Rejections', MetricUnit.Count, 1);
    },
  };
}
