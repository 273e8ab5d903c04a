import { createNotifierHandler } from '@bank/notifier-runtime';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import manifest from '../manifest.json';
import { plugins } from './plugins';

/** Email notifier: SQS queue notify-email → SendGrid, SMTP as fallback (NOTIFIER_MANIFEST overrides). */
const notify = createNotifierHandler({ channels: ['email'], manifest, preloadedPlugins: plugins, serviceName: 'notify-email' });

export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => notify(event);
