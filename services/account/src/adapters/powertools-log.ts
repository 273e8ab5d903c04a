import type { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../domain/ports';

/** Adapts the Powertools logger to the narrow Log port the core and the HTTP layer use. */
export function powertoolsLog(logger: Logger): Log {
  return {
    info: (message, extra = {}) => logger.info(message, extra),
    warn: (message, extra = {}) => logger.warn(message, extra),
    error: (message, extra = {}) => logger.error(message, extra),
  };
}
