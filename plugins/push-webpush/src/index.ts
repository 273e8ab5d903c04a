import { webPushPlugin } from './webpush-plugin';

export default webPushPlugin;
export { webPushPlugin };
export { classifyPushError } from './classify-error';
export { configSchema } from './config';
export type { WebPushConfig } from './config';
export { MAX_PAYLOAD_BYTES, payloadOf, subscriptionOf } from './payload';
