import { createNotifierHandler } from '@bank/notifier-runtime';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import manifest from '../manifest.json';
import { configValidators, plugins } from './plugins.generated';

/** Email notifier: the channels whose declarations name notify-email, through the providers of manifest.json. */
const notify = createNotifierHandler({ notifier: 'notify-email', manifest, bundledPlugins: plugins, configValidators });

export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => notify(event);
