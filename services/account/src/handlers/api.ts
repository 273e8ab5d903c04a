import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { powertoolsLog } from '../adapters/powertools-log';
import { powertoolsApiMetrics } from '../adapters/powertools-metrics';
import { createAccountApi } from '../api-wiring';

const logger = new Logger({ serviceName: 'account-api' });
const metrics = new Metrics({ namespace: 'Bank', serviceName: 'account-api' });

/** API Gateway REST proxy → the account API (every route). */
export const handler = createAccountApi({ log: powertoolsLog(logger), metrics: powertoolsApiMetrics(metrics) });
