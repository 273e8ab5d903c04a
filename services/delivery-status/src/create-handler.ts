import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAccountService, loadConfig } from '@bank/account-service';
import { createPowertoolsLogger, SecretsManagerSource, type SecretSource } from '@bank/notifier-runtime';
import { DynamoDeliveryReports, type DeliveryReports } from '@bank/notifier-runtime/delivery-reports';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { accountServiceDisabler } from './account-service-disabler';
import { loadCallbackProviders, type BundledCallbacks, type CallbackProvider, type Env } from './callback-providers';
import { handleCallback } from './handle-callback';
import { callbackInputOf, problemResponse, toResponse } from './http';
import type { ChannelDisabler, StatusLogger, StatusMetrics } from './ports';
import { createPowertoolsStatusMetrics } from './powertools-metrics';

export interface DeliveryStatusOptions {
  /** The plugins' callbacks modules, ids, secrets and compiled config validators (the generated `plugins.generated.ts`): only these are served. */
  readonly bundled: BundledCallbacks;
  /** `PUBLIC_API_URL` (what providers call, the stage included), `DELIVERIES_TABLE`, `<NAME>_SECRET_ARN`, settings. Default `process.env`. */
  readonly env?: Env;
  readonly dynamodb?: DynamoDBClient;
  /** Replace the adapters (tests). */
  readonly ports?: { readonly reports?: DeliveryReports; readonly disabler?: ChannelDisabler };
  readonly secrets?: SecretSource;
  readonly logger?: StatusLogger;
  /** `false` turns metrics off. Default: Powertools EMF. */
  readonly metrics?: StatusMetrics | false;
  readonly now?: () => Date;
}

export type DeliveryStatusHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/**
 * The `POST /webhooks/{provider}` function: the bundled plugins' declared callbacks (their `/callbacks` modules, without the sending code), the deliveries
 * table and the account service's `disableChannel`. Names no provider. Providers are loaded on the
 * first request (their secrets read once) and reused; a failed load is retried on the next.
 *
 * @example
 * import * as bundled from './plugins.generated';
 * export const handler = createDeliveryStatusHandler({ bundled });
 */
export function createDeliveryStatusHandler(options: DeliveryStatusOptions): DeliveryStatusHandler {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createPowertoolsLogger('delivery-status');
  const metrics = options.metrics === false ? undefined : (options.metrics ?? createPowertoolsStatusMetrics());
  const now = options.now ?? (() => new Date());
  const dynamodb = options.dynamodb ?? new DynamoDBClient({});
  const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  const reports = options.ports?.reports ?? new DynamoDeliveryReports({ client: documents, tableName: env.DELIVERIES_TABLE || 'NotificationDeliveries' });
  const disabler = options.ports?.disabler ?? accountServiceDisabler(() => createAccountService({ dynamo: dynamodb }, loadConfig({ ...env })));

  let providers: Promise<Map<string, CallbackProvider>> | undefined;
  const loaded = (): Promise<Map<string, CallbackProvider>> => {
    providers ??= loadCallbackProviders(options.bundled, env, () => options.secrets ?? new SecretsManagerSource(), logger);
    providers.catch(() => (providers = undefined));
    return providers;
  };

  return async (event) => {
    const publicApiUrl = env.PUBLIC_API_URL ?? '';
    if (publicApiUrl === '') {
      logger.error('PUBLIC_API_URL is not set: signatures over the public URL cannot be checked');
      return problemResponse(503, 'CALLBACKS_UNAVAILABLE', 'Callbacks are not configured; retry later.');
    }
    const input = callbackInputOf(event, publicApiUrl);
    if (!input || event.httpMethod !== 'POST') return problemResponse(404, 'ROUTE_NOT_FOUND', 'No route for this method and path.');
    try {
      return toResponse(await handleCallback(input, { providers: await loaded(), reports, disabler, logger, now, ...(metrics ? { metrics } : {}) }));
    } catch (error) {
      // The store or the account service failed: the provider retries (nothing a request contains gets here).
      logger.error('status callback could not be applied', { provider: input.provider, error: error instanceof Error ? error.name : 'Error' });
      return problemResponse(500, 'INTERNAL_ERROR', 'The callback could not be applied; retry later.');
    }
  };
}
