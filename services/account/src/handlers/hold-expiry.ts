import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from '../config';
import { createAccountService } from '../wiring';

const logger = new Logger({ serviceName: 'hold-expiry' });
const service = createAccountService({}, loadConfig());

/**
 * Every minute (an EventBridge schedule in AWS, a timer on the local stack): review holds left
 * undecided past their expiry are declined, their money available again, the customer told.
 */
export const handler = async (): Promise<void> => {
  const expired = await service.expireDueHolds();
  if (expired > 0) logger.info('holds expired', { expired });
};
