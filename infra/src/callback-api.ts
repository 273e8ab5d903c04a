import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { API_ROUTES, type ApiRouteDef } from '@bank/topology';
import { Construct } from 'constructs';
import type { BankFunction } from './bank-function';
import { isMoneyRoute, type RouteKey, type Throttle } from './route-throttling';

/** The routes of the route table served here: the providers' signed status callbacks (`POST /webhooks/{provider}`). */
export const CALLBACK_ROUTES: readonly ApiRouteDef[] = API_ROUTES.filter((r) => r.service === 'delivery-status');

/**
 * Callbacks one money request can cause with the channels on by default: a transfer notifies both
 * accounts, each by email (one SendGrid event) and SMS (Twilio's `sent` and `delivered`).
 */
export const CALLBACKS_PER_MONEY_REQUEST = 6;

/**
 * The callbacks API's throttle when none is given: what the money routes may cause at their own
 * limits, so that genuine callbacks are not refused while the API runs at its limits (a 429 is
 * retried by SendGrid but lost by Twilio). An unsigned flood is bounded by it too.
 *
 * @example callbackThrottleFor(REST_API_ROUTES, { rateLimit: 50, burstLimit: 100 }) // 4 money routes: { rateLimit: 1200, burstLimit: 2400 }
 */
export function callbackThrottleFor(routes: ReadonlyArray<RouteKey>, money: Throttle): Throttle {
  // At least one route's worth: a throttle of 0 would refuse every callback.
  const moneyRoutes = Math.max(1, routes.filter(isMoneyRoute).length);
  return { rateLimit: CALLBACKS_PER_MONEY_REQUEST * moneyRoutes * money.rateLimit, burstLimit: CALLBACKS_PER_MONEY_REQUEST * moneyRoutes * money.burstLimit };
}

/**
 * Access log line: the request id, who (source IP), what (method, route, status, latencies, the
 * size answered) and the integration's error when there is one. Providers send no identity we
 * could log, and no header, body or query string is logged (signatures and addresses live there).
 */
const ACCESS_LOG = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    sourceIp: '$context.identity.sourceIp',
    time: '$context.requestTime',
    method: '$context.httpMethod',
    route: '$context.routeKey',
    status: '$context.status',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    responseLength: '$context.responseLength',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export interface CallbackApiProps {
  readonly logRetention: RetentionDays;
  /** Requests per second and burst for the whole API (it has one route); bank-stack derives it with {@link callbackThrottleFor}. */
  readonly throttle: Throttle;
  /** Turn off the default execute-api URL, when a custom domain mapped to this API is the address providers call. */
  readonly disableExecuteApiEndpoint?: boolean;
}

/**
 * The providers' status callbacks on their own API Gateway HTTP API: a fraction of a REST API
 * request's price and no WAF, since no customer calls it and no Cognito token comes with it.
 * Each callback is authenticated by its provider's signature, which the function checks before it
 * reads or writes anything; the edge is this API's throttle and each provider's body-size limit.
 *
 * @example
 * const callbacks = new CallbackApi(this, 'Callbacks', { logRetention });
 * const fn = new DeliveryStatus(this, 'DeliveryStatus', { callbacksUrl: callbacks.url, ... }).fn;
 * callbacks.serve(fn);
 */
export class CallbackApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: CallbackApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: 'bank-callbacks',
      description: "Providers' signed delivery status callbacks",
      // The stage below carries the throttle and the access logs, which a default stage cannot.
      createDefaultStage: false,
      ...(props.disableExecuteApiEndpoint ? { disableExecuteApiEndpoint: true } : {}),
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    const { throttle } = props;
    // `$default`: no stage segment in the URL, so the path the function sees is the path providers call.
    new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG },
    });
  }

  /** The execute-api address of the `$default` stage, without a trailing slash: what providers call back by default. */
  get url(): string {
    return this.api.apiEndpoint;
  }

  /**
   * The callback routes of the route table, proxied to `fn` with no authorizer (providers cannot
   * hold Cognito tokens; the function verifies each provider's signature). Payload format 1.0, the
   * REST proxy event the handler reads (`path`, `httpMethod`, multi-value headers and query). The
   * invoke permission CDK adds names this API and the route.
   */
  serve(fn: BankFunction): void {
    const integration = new HttpLambdaIntegration('DeliveryStatus', fn.function, { payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 });
    for (const route of CALLBACK_ROUTES) this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
  }
}
