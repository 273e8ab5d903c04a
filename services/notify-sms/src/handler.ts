import { createNotifierHandler } from '@bank/notifier-runtime';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import manifest from '../manifest.json';
import { plugins } from './plugins';

/** SMS and WhatsApp notifier: queues notify-sms and notify-whatsapp → Twilio (NOTIFIER_MANIFEST overrides). */
const notify = createNotifierHandler({ channels: ['sms', 'whatsapp'], manifest, preloadedPlugins: plugins, serviceName: 'notify-sms' });

export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => notify(event);
