import { createNotifierHandler } from '@bank/notifier-runtime';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import manifest from '../manifest.json';
import { plugins } from './plugins.generated';

/** Push notifier: the channels whose declarations name notify-push, through the providers of manifest.json. */
const notify = createNotifierHandler({ notifier: 'notify-push', manifest, bundledPlugins: plugins });

export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => notify(event);
