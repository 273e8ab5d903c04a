import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  type MethodDeploymentOptions,
  MethodLoggingLevel,
  MockIntegration,
  type Model,
  PassthroughBehavior,
  type RequestValidator,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { API_ROUTES, type ApiRouteDef, DELIVERIES_BY_ACCOUNT_INDEX, GATEWAY_PROBLEMS, type GatewayProblem, gatewayProblemBody, IDENTITY, pathParameters } from '@bank/topology';
import { Construct } from 'constructs';
import { loadApiModelSchema } from './api-models';
import { BankFunction } from './bank-function';
import { PluginDeclarationError } from './errors';

export interface HttpApiProps {
  readonly entry: string;
  readonly table: ITable;
  /** The notifiers' delivery records: `GET /accounts/{id}/notifications` queries their by-account index, nothing else. */
  readonly deliveries: ITable;
  readonly logRetention: RetentionDays;
  /** Stage-wide steady-state requests per second and burst. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Limits in major units, passed to the service as MAX_TRANSACTION_AMOUNT / DAILY_WITHDRAWAL_LIMIT. */
  readonly limits: { readonly maxTransactionAmount: string; readonly dailyWithdrawalLimit: string };
  /** Directory of the request schemas; default schemas/api. */
  readonly schemaDir?: string;
  /**
   * Public values the deployed plugins have the API serve (the push plugin's VAPID key behind
   * `GET /push/vapid-public-key`), by environment variable: `ProviderSecrets.apiEnvironment`.
   * A name the API's own environment uses is refused.
   */
  readonly pluginEnvironment?: Readonly<Record<string, string>>;
  /** Customers and operators: the authorizer verifies their access tokens. */
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  /** Per-method stage settings (throttling per route), keyed `/<path>/<METHOD>`. */
  readonly methodOptions?: Record<string, MethodDeploymentOptions>;
  /** Turn off the default execute-api URL, when a CloudFront distribution or custom domain is the only way in. */
  readonly disableExecuteApiEndpoint?: boolean;
}

/**
 * The routes of the route table on this API: the account service's. The providers' callbacks
 * (`/webhooks/{provider}`) are on their own HTTP API (callback-api.ts): no WAF or Cognito to pay
 * for on requests that carry neither a customer nor a token, only a provider's signature.
 */
export const REST_API_ROUTES: readonly ApiRouteDef[] = API_ROUTES.filter((r) => r.service === 'account-api');

/** The stage every route is deployed in (`ApiUrl` ends with it). */
export const STAGE_NAME = 'v1';

/**
 * What the account API does to the table: reads, and one TransactWriteItems per command. It
 * deletes no idempotency answer (one is created with the command's write and expires by TTL);
 * DeleteItem is granted apart, for hold listing entries only (ledger-access.ts).
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

/** Gateway-generated errors answer with the same problem+json documents as the local server (DESIGN §3). */
const GATEWAY_RESPONSES: readonly (readonly [ResponseType, GatewayProblem])[] = [
  [ResponseType.UNAUTHORIZED, GATEWAY_PROBLEMS.unauthenticated],
  [ResponseType.EXPIRED_TOKEN, GATEWAY_PROBLEMS.unauthenticated],
  [ResponseType.INVALID_SIGNATURE, GATEWAY_PROBLEMS.unauthenticated],
  [ResponseType.ACCESS_DENIED, GATEWAY_PROBLEMS.forbidden],
  [ResponseType.MISSING_AUTHENTICATION_TOKEN, GATEWAY_PROBLEMS.routeNotFound],
  [ResponseType.BAD_REQUEST_BODY, GATEWAY_PROBLEMS.badBody],
  [ResponseType.BAD_REQUEST_PARAMETERS, GATEWAY_PROBLEMS.badParameters],
  [ResponseType.REQUEST_TOO_LARGE, GATEWAY_PROBLEMS.tooLarge],
  [ResponseType.UNSUPPORTED_MEDIA_TYPE, GATEWAY_PROBLEMS.unsupportedMediaType],
  [ResponseType.THROTTLED, GATEWAY_PROBLEMS.throttled],
  [ResponseType.QUOTA_EXCEEDED, GATEWAY_PROBLEMS.throttled],
  [ResponseType.DEFAULT_5XX, GATEWAY_PROBLEMS.internal],
];

/** A method's response that only the edge gives: a fixed problem document (and headers) from a mock integration. */
function mockProblem(problem: GatewayProblem, headers: Readonly<Record<string, string>> = {}): MockIntegration {
  const all = { ...(problem.headers ?? {}), ...headers, 'Content-Type': 'application/problem+json' };
  return new MockIntegration({
    passthroughBehavior: PassthroughBehavior.NEVER,
    requestTemplates: { 'application/json': `{"statusCode": ${problem.status}}` },
    integrationResponses: [
      {
        statusCode: String(problem.status),
        responseParameters: Object.fromEntries(Object.entries(all).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`])),
        responseTemplates: { 'application/json': gatewayProblemBody(problem) },
      },
    ],
  });
}

/**
 * The API's own environment and what the plugins add; a plugin may not set a variable the API's
 * own environment (or the function's, `NODE_OPTIONS`, `AWS_*`) uses.
 */
export function withPluginEnvironment(own: Readonly<Record<string, string>>, plugins: Readonly<Record<string, string>>): Record<string, string> {
  for (const name of Object.keys(plugins)) {
    if (name in own || name === 'NODE_OPTIONS' || name.startsWith('AWS_')) {
      throw new PluginDeclarationError(`a plugin's apiEnv ${name} would replace a variable the account API's function sets`);
    }
  }
  return { ...own, ...plugins };
}

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
      environment: withPluginEnvironment(
        {
          ACCOUNTS_TABLE: props.table.tableName,
          DELIVERIES_TABLE: props.deliveries.tableName,
          MAX_TRANSACTION_AMOUNT: props.limits.maxTransactionAmount,
          DAILY_WITHDRAWAL_LIMIT: props.limits.dailyWithdrawalLimit,
          POWERTOOLS_SERVICE_NAME: 'account-api',
          USER_POOL_ID: props.userPool.userPoolId,
          USER_POOL_CLIENT_ID: props.userPoolClient.userPoolClientId,
        },
        props.pluginEnvironment ?? {},
      ),
    });
    this.fn.allow(API_TABLE_ACTIONS, [props.table.tableArn]);
    this.fn.allow(['dynamodb:Query'], [`${props.deliveries.tableArn}/index/${DELIVERIES_BY_ACCOUNT_INDEX.name}`]);
    // GET /me and account opening read the caller's attributes (their verified contacts).
    this.fn.allow(['cognito-idp:AdminGetUser'], [props.userPool.userPoolArn]);
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
        stageName: STAGE_NAME,
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
    for (const [type, problem] of GATEWAY_RESPONSES) {
      this.api.addGatewayResponse(type.responseType, {
        type,
        statusCode: String(problem.status),
        responseHeaders: Object.fromEntries(
          Object.entries({ ...(problem.headers ?? {}), 'Content-Type': 'application/problem+json' }).map(([name, value]) => [name, `'${value}'`]),
        ),
        templates: { 'application/json': gatewayProblemBody(problem) },
      });
    }
    const validator = this.api.addRequestValidator('Validator', { validateRequestBody: true, validateRequestParameters: true });
    const integration = new LambdaIntegration(this.fn.function, { allowTestInvoke: false });
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [props.userPool], resultsCacheTtl: Duration.minutes(5) });
    for (const route of REST_API_ROUTES) this.addRoute(route, integration, validator, authorizer, props.schemaDir);
    this.answerUnknownRoutesAndMethods(REST_API_ROUTES);
  }

  private addRoute(
    route: ApiRouteDef,
    integration: LambdaIntegration,
    validator: RequestValidator,
    authorizer: CognitoUserPoolsAuthorizer,
    schemaDir: string | undefined,
  ): void {
    const resource = this.api.root.resourceForPath(route.path);
    const parameters = {
      ...Object.fromEntries(pathParameters(route.path).map((p) => [`method.request.path.${p}`, true])),
      ...Object.fromEntries((route.queryParameters ?? []).map((q) => [`method.request.querystring.${q}`, false])),
    };
    let model: Model | undefined;
    if (route.bodySchema) {
      model = (this.api.node.tryFindChild(route.bodySchema) as Model | undefined) ??
        this.api.addModel(route.bodySchema, { modelName: route.bodySchema, contentType: 'application/json', schema: loadApiModelSchema(route.bodySchema, schemaDir) });
    }
    const signedIn = route.access === 'signed-in' || route.access === 'operator';
    resource.addMethod(route.method, integration, {
      requestValidator: validator,
      requestParameters: parameters,
      // Every content type is validated against the model: a body that is not the JSON the route takes never reaches the function.
      ...(model ? { requestModels: { $default: model } } : {}),
      // With a scope, API Gateway's Cognito authorizer takes access tokens (without one it expects ID tokens).
      ...(signedIn ? { authorizer, authorizationType: AuthorizationType.COGNITO, authorizationScopes: [IDENTITY.accessTokenScope] } : {}),
    });
  }

  /**
   * The same 404 and 405 as the local server, without invoking the function: an `ANY` mock on every
   * routed resource answers 405 with `Allow` (API Gateway prefers the specific method when there is
   * one), and a greedy `/{proxy+}` mock answers 404 for paths no route has.
   */
  private answerUnknownRoutesAndMethods(routes: readonly ApiRouteDef[]): void {
    const byPath = new Map<string, ApiRouteDef[]>();
    for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
    const mockMethod = (resource: IResource, problem: GatewayProblem, headers: Readonly<Record<string, string>>) => {
      const names = ['Content-Type', ...Object.keys({ ...(problem.headers ?? {}), ...headers })];
      resource.addMethod('ANY', mockProblem(problem, headers), {
        authorizationType: AuthorizationType.NONE,
        methodResponses: [{ statusCode: String(problem.status), responseParameters: Object.fromEntries(names.map((n) => [`method.response.header.${n}`, true])) }],
      });
    };
    for (const [path, onPath] of byPath) {
      mockMethod(this.api.root.resourceForPath(path), GATEWAY_PROBLEMS.methodNotAllowed, { Allow: onPath.map((r) => r.method).join(', ') });
    }
    mockMethod(this.api.root.addResource('{proxy+}'), GATEWAY_PROBLEMS.routeNotFound, {});
  }
}
