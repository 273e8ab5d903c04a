import { createDeliveryStatusHandler } from './create-handler';
import * as bundled from './plugins.generated';

/** API Gateway REST proxy → providers' signed status callbacks (`POST /webhooks/{provider}`). */
export const handler = createDeliveryStatusHandler({ bundled });
