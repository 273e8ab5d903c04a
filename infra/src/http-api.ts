import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  type MethodDeploymentOptions,
  MethodLoggingLevel,
  type Model,
  type RequestValidator,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { loadApiModelSchema } from './api-models';
import { API_ROUTES, type ApiRoute, pathParameters } from './api-routes';
import { BankFunction } from './bank-function';

export interface HttpApiProps {
  readonly entry: string;
  readonly table: ITable;
  readonly logRetention: RetentionDays;
  /** Stage-wide steady-state requests per second and burst. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Limits in major units, passed to the service as MAX_TRANSACTION_AMOUNT / DAILY_WITHDRAWAL_LIMIT. */
  readonly limits: { readonly maxTransactionAmount: string; readonly dailyWithdrawalLimit: string };
  /** Directory of the request schemas; default schemas/api. */
  readonly schemaDir?: string;
  /** Per-method stage settings (throttling per route), keyed `/<path>/<METHOD>`. */
  readonly methodOptions?: Record<string, MethodDeploymentOptions>;
  /** Turn off the default execute-api URL, when a CloudFront distribution or custom domain is the only way in. */
  readonly disableExecuteApiEndpoint?: boolean;
}

/**
 * What the account API does to the table: reads, and one TransactWriteItems per command.
 * DeleteItem is granted apart, for idempotency records only (ledger-access.ts).
 */
export const API_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * Access log line: who (source IP, the caller's `sub`), what (route, status, latency) and the
 * request id, which is the correlation id (the function logs it beside any client-sent
 * X-Correlation-Id). No token, no body, no query string, no contact detail.
 */
const ACCESS_LOG = AccessLogFormat.custom(
  JSON.stringify({
    requestId: AccessLogField.contextRequestId(),
    sourceIp: AccessLogField.contextIdentitySourceIp(),
    sub: AccessLogField.contextAuthorizerClaims('sub'),
    time: AccessLogField.contextRequestTime(),
    method: AccessLogField.contextHttpMethod(),
    resource: AccessLogField.contextResourcePath(),
    status: AccessLogField.contextStatus(),
    latencyMs: AccessLogField.contextResponseLatency(),
    integrationLatencyMs: AccessLogField.contextIntegrationLatency(),
    responseLength: AccessLogField.contextResponseLength(),
    errorType: AccessLogField.contextErrorResponseType(),
    wafStatus: AccessLogField.contextWafStatus(),
    xrayTraceId: AccessLogField.contextXrayTraceId(),
  }),
);

/** Gateway-generated errors in the API's problem+json shape (DESIGN §3). */
const PROBLEM_RESPONSES = [
  { type: ResponseType.BAD_REQUEST_BODY, status: 400, code: 'VALIDATION_FAILED', title: 'Bad Request', detail: 'The request body does not match the schema of this operation.' },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, status: 400, code: 'VALIDATION_FAILED', title: 'Bad Request', detail: 'A required request parameter is missing.' },
  { type: ResponseType.THROTTLED, status: 429, code: 'THROTTLED', title: 'Too Many Requests', detail: 'Request rate limit exceeded; retry later.' },
  { type: ResponseType.REQUEST_TOO_LARGE, status: 413, code: 'PAYLOAD_TOO_LARGE', title: 'Payload Too Large', detail: 'The request body is too large.' },
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: 'No such route.' },
] as const;

/**
 * The public REST API: every route proxies to one account-service function; POST bodies are
 * validated against models generated from schemas/api before the function is invoked.
 */
export class HttpApi extends Construct {
  readonly api: RestApi;
  readonly fn: BankFunction;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.fn = new BankFunction(this, 'AccountApi', {
      entry: props.entry,
      description: 'Account service: every HTTP route',
      timeout: Duration.seconds(10),
      memorySize: 512,
      logRetention: props.logRetention,
      environment: {
        ACCOUNTS_TABLE: props.table.tableName,
        MAX_TRANSACTION_AMOUNT: props.limits.maxTransactionAmount,
        DAILY_WITHDRAWAL_LIMIT: props.limits.dailyWithdrawalLimit,
        POWERTOOLS_SERVICE_NAME: 'account-api',
      },
    });
    this.fn.allow(API_TABLE_ACTIONS, [props.table.tableArn]);
    // TransactWriteItems is authorized per item action above; the call itself has no resource.
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.api = new RestApi(this, 'Api', {
      restApiName: 'bank-api',
      description: 'Checking accounts API',
      endpointTypes: [EndpointType.REGIONAL],
      ...(props.disableExecuteApiEndpoint ? { disableExecuteApiEndpoint: true } : {}),
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY,
      deployOptions: {
        stageName: 'v1',
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        ...(props.methodOptions ? { methodOptions: props.methodOptions } : {}),
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: ACCESS_LOG,
        // ERROR only and no data trace: execution logs must never hold request bodies (PII).
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        tracingEnabled: true,
      },
    });
    for (const r of PROBLEM_RESPONSES) {
      this.api.addGatewayResponse(`${r.code}${r.status}${r.type.responseType}`, {
        type: r.type,
        statusCode: String(r.status),
        responseHeaders: { 'Content-Type': "'application/problem+json'" },
        templates: {
          'application/json': JSON.stringify({ type: 'about:blank', title: r.title, status: r.status, detail: r.detail, code: r.code }),
        },
      });
    }
    const validator = this.api.addRequestValidator('Validator', { validateRequestBody: true, validateRequestParameters: true });
    const integration = new LambdaIntegration(this.fn.function, { allowTestInvoke: false });
    for (const route of API_ROUTES) this.addRoute(route, integration, validator, props.schemaDir);
  }

  private addRoute(route: ApiRoute, integration: LambdaIntegration, validator: RequestValidator, schemaDir: string | undefined): void {
    const resource = this.api.root.resourceForPath(route.path);
    const parameters = {
      ...Object.fromEntries(pathParameters(route.path).map((p) => [`method.request.path.${p}`, true])),
      ...Object.fromEntries((route.queryParameters ?? []).map((q) => [`method.request.querystring.${q}`, false])),
    };
    let model: Model | undefined;
    if (route.bodySchema) {
      model = this.api.addModel(route.bodySchema, {
        modelName: route.bodySchema,
        contentType: 'application/json',
        schema: loadApiModelSchema(route.bodySchema, schemaDir),
      });
    }
    resource.addMethod(route.method, integration, {
      requestValidator: validator,
      requestParameters: parameters,
      ...(model ? { requestModels: { 'application/json': model } } : {}),
    });
  }
}
