import { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { callbackThrottleFor } from '../../src/callback-api';
import { MIN_LOG_RETENTION_DAYS } from '../../src/log-groups';
import { NAG_ACKNOWLEDGMENTS } from '../../src/nag-suppressions';
import { refId, resources, synthStubStack, type SynthesizedStack } from '../fixtures/stub-stack';

/**
 * The providers' callbacks on their own HTTP API. Synthesized with the REST API's execute-api URL
 * turned off, which the callbacks no longer need: they keep their own execute-api address.
 */
let synth: SynthesizedStack;

beforeAll(() => {
  synth = synthStubStack({ disableExecuteApiEndpoint: true });
});
afterAll(() => synth.cleanup());

const only = (type: string) => {
  const found = Object.entries(resources(synth.template, type));
  expect(found).toHaveLength(1);
  const [id, resource] = found[0] ?? ['missing', { Properties: {} }];
  return { id, props: resource.Properties };
};
const httpApi = () => only('AWS::ApiGatewayV2::Api');
const deliveryStatusId = (): string =>
  Object.entries(resources(synth.template, 'AWS::Lambda::Function')).find(([, f]) => String(f.Properties.Description).startsWith("Providers' delivery status"))?.[0] ?? 'missing';
const accessLogFormat = (): Record<string, string> => JSON.parse((only('AWS::ApiGatewayV2::Stage').props.AccessLogSettings as { Format: string }).Format) as Record<string, string>;

describe('the callbacks HTTP API', () => {
  it('is an HTTP API whose only route is POST /webhooks/{provider}, with no authorizer', () => {
    expect(httpApi().props.ProtocolType).toBe('HTTP');
    const route = only('AWS::ApiGatewayV2::Route');
    expect(route.props.RouteKey).toBe('POST /webhooks/{provider}');
    expect(route.props.AuthorizationType).toBe('NONE');
    expect(route.props.AuthorizerId).toBeUndefined();
    expect(Object.keys(resources(synth.template, 'AWS::ApiGatewayV2::Authorizer'))).toEqual([]);
  });

  it('proxies the route to the delivery-status function with the REST proxy event (payload 1.0) the handler reads', () => {
    const integration = only('AWS::ApiGatewayV2::Integration');
    expect(integration.props).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '1.0' });
    expect(refId(integration.props.IntegrationUri)).toBe(deliveryStatusId());
    expect(JSON.stringify(only('AWS::ApiGatewayV2::Route').props.Target)).toContain(integration.id);
  });

  it('lets API Gateway invoke the function only from this API and this route', () => {
    const permissions = Object.values(resources(synth.template, 'AWS::Lambda::Permission')).filter((p) => refId(p.Properties.FunctionName) === deliveryStatusId());
    expect(permissions).toHaveLength(1);
    const permission = permissions[0]?.Properties ?? {};
    expect(permission.Principal).toBe('apigateway.amazonaws.com');
    const sourceArn = JSON.stringify(permission.SourceArn);
    expect(sourceArn).toContain(JSON.stringify({ Ref: httpApi().id }));
    expect(sourceArn).toMatch(/\/\*\/\*\/webhooks\/\{provider\}"\]\]\}$/);
  });

  it('throttles the $default stage at what the money routes may cause (6 callbacks each), deployed on every change', () => {
    expect(only('AWS::ApiGatewayV2::Stage').props).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      // 4 money routes (deposit, withdraw, transfer, approve) at 50/s, burst 100 (DEFAULT_ROUTE_THROTTLES)
      DefaultRouteSettings: { ThrottlingRateLimit: 1200, ThrottlingBurstLimit: 2400 },
    });
  });

  it('derives the callbacks throttle from the money routes and their limits', () => {
    const routes = [{ method: 'POST', path: '/deposit', moneyMovement: true }, { method: 'GET', path: '/me' }];
    expect(callbackThrottleFor(routes, { rateLimit: 10, burstLimit: 20 })).toEqual({ rateLimit: 60, burstLimit: 120 });
    expect(callbackThrottleFor([{ method: 'GET', path: '/me' }], { rateLimit: 10, burstLimit: 20 })).toEqual({ rateLimit: 60, burstLimit: 120 });
  });

  it('logs request id, source IP, method, route, status and latency, and nothing of the request itself', () => {
    expect(accessLogFormat()).toMatchObject({
      requestId: '$context.requestId',
      sourceIp: '$context.identity.sourceIp',
      method: '$context.httpMethod',
      route: '$context.routeKey',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
    });
    expect(Object.values(accessLogFormat()).join(' ')).not.toMatch(/header|body|querystring|authorizer|waf|requestOverride|input\./i);
  });

  it('writes its access logs to a log group of its own, under the logs key, kept a year and retained', () => {
    const groupId = refId((only('AWS::ApiGatewayV2::Stage').props.AccessLogSettings as { DestinationArn: unknown }).DestinationArn) ?? 'missing';
    const group = synth.template.toJSON().Resources[groupId] as { DeletionPolicy?: string; Properties: Record<string, unknown> };
    expect(groupId).toMatch(/^CallbacksAccessLogs/);
    expect(group.Properties.RetentionInDays).toBeGreaterThanOrEqual(MIN_LOG_RETENTION_DAYS);
    expect(refId(group.Properties.KmsKeyId)).toMatch(/^KeysLogs/);
    expect(group.DeletionPolicy).toBe('Retain');
  });

  it('keeps its execute-api address when only the REST API turns its own off', () => {
    expect(httpApi().props.DisableExecuteApiEndpoint).toBeUndefined();
    synth.template.hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: true });
  });

  it('is the address the callbacks function and the notifiers give providers, and an output', () => {
    const endpoint = { 'Fn::GetAtt': [httpApi().id, 'ApiEndpoint'] };
    const urls = Object.values(resources(synth.template, 'AWS::Lambda::Function'))
      .map((fn) => (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.PUBLIC_API_URL)
      .filter((url) => url !== undefined);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) expect(url).toEqual(endpoint);
    expect((synth.template.toJSON().Outputs as Record<string, { Value: unknown }>).CallbacksUrl?.Value).toEqual(endpoint);
  });

  it('alarms on its 5xx answers', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: httpApi().id } }],
    });
  });
});

describe('the REST API without the callbacks', () => {
  it('has no webhooks resource and no method integrated with the delivery-status function', () => {
    const pathParts = Object.values(resources(synth.template, 'AWS::ApiGateway::Resource')).map((r) => r.Properties.PathPart);
    expect(pathParts).not.toContain('webhooks');
    const methods = Object.values(resources(synth.template, 'AWS::ApiGateway::Method'));
    expect(methods.filter((m) => JSON.stringify(m.Properties.Integration ?? {}).includes(deliveryStatusId()))).toEqual([]);
  });

  it('sets no stage throttle for a callbacks method it does not have', () => {
    const settings = Object.values(resources(synth.template, 'AWS::ApiGateway::Stage'))[0]?.Properties.MethodSettings as Array<{ ResourcePath: string }>;
    expect(settings.map((s) => s.ResourcePath).filter((p) => p.includes('webhooks'))).toEqual([]);
  });
});

describe('cdk-nag', () => {
  it('accepts a route without an authorizer (APIG4) on the callbacks API only, where the signature is the authentication', () => {
    const apig4 = NAG_ACKNOWLEDGMENTS.filter((ack) => ack.id === 'AwsSolutions-APIG4');
    const accepted = synth.stack.node.findAll().filter((n) => n instanceof HttpRoute && apig4.some((ack) => ack.appliesTo(n)));
    expect(accepted.map((n) => n.node.path)).toEqual([expect.stringMatching(/\/Callbacks\/Api\/POST--webhooks--\{provider\}$/)]);
  });
});
