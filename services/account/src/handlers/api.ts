import { Logger } from '@aws-lambda-powertools/logger';
import { powertoolsLog } from '../adapters/powertools-log';
import { createAccountApi } from '../wiring';

const logger = new Logger({ serviceName: 'account-api' });

/** API Gateway REST proxy → the account API (every route). */
export const handler = createAccountApi({ log: powertoolsLog(logger) });
