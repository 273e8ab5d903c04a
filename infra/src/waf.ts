import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Largest request body the API needs (its biggest request is a few hundred bytes). */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024;

/** Block an address after this many requests in the window (the window is WAF's, in seconds). */
export const DEFAULT_RATE_PER_IP = { limit: 1000, windowSeconds: 300 } as const;

/** The content types the account service accepts, as it checks them (`application/json` or `application/*+json`). */
export const JSON_CONTENT_TYPE = '^application/([a-z0-9._+-]+\\+)?json[ \\t]*(;.*)?$';

/** Methods that carry a body. */
const BODY_METHODS = ['POST', 'PUT', 'PATCH'] as const;

export interface ApiFirewallProps {
  readonly api: RestApi;
  readonly ratePerIp?: { readonly limit: number; readonly windowSeconds: 60 | 120 | 300 | 600 };
}

/**
 * Which requests WAF logs: those it blocked, and those a rule only counted (the common rule set's
 * body rule, rules being tried out). An allowed request is not logged here: the API's access log
 * has a line for every request, with WAF's verdict (`wafStatus`), the source IP and the caller,
 * and at 1.5 KB a request these logs were a dollar-scale line of the cost per million.
 */
export const WAF_LOG_FILTER = {
  DefaultBehavior: 'DROP',
  Filters: [
    {
      Behavior: 'KEEP',
      Requirement: 'MEETS_ANY',
      Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }, { ActionCondition: { Action: 'EXCLUDED_AS_COUNT' } }],
    },
  ],
} as const;

/** A problem+json document (DESIGN §3) as WAF serves it for a blocked request. */
function problemBody(code: string, status: number, detail: string): string {
  const slug = code.toLowerCase().replaceAll('_', '-');
  return JSON.stringify({ type: `urn:bank:problem:${slug}`, title: slug.replaceAll('-', ' '), status, detail, code });
}

/** Custom answers for our own rules, in the service's problem+json shape. WAF sends them as
 * `application/json`: it lets a rule set any response header except Content-Type. */
const RESPONSES = {
  'payload-too-large': { status: 413, body: problemBody('PAYLOAD_TOO_LARGE', 413, `The body is larger than ${MAX_REQUEST_BODY_BYTES} bytes.`) },
  'unsupported-media-type': { status: 415, body: problemBody('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the body as application/json.') },
  throttled: { status: 429, body: problemBody('THROTTLED', 429, 'Too many requests from this address; retry later.') },
} as const;
type ResponseKey = keyof typeof RESPONSES;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  // Sampled requests show full headers (the bearer token) in the console; the logs redact it.
  sampledRequestsEnabled: false,
});

function blockWith(key: ResponseKey, headers: Readonly<Record<string, string>> = {}): CfnWebACL.RuleActionProperty {
  return {
    block: {
      customResponse: {
        responseCode: RESPONSES[key].status,
        customResponseBodyKey: key,
        ...(Object.keys(headers).length ? { responseHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })) } : {}),
      },
    },
  };
}

function managed(name: string, priority: number, excluded: readonly string[] = []): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(excluded.length ? { ruleActionOverrides: excluded.map((rule) => ({ name: rule, actionToUse: { count: {} } })) } : {}),
      },
    },
    visibilityConfig: visibility(name),
  };
}

/** The rules, in evaluation order. */
export function firewallRules(ratePerIp: NonNullable<ApiFirewallProps['ratePerIp']>): CfnWebACL.RuleProperty[] {
  return [
    managed('AWSManagedRulesAmazonIpReputationList', 0),
    {
      name: 'RatePerClientIp',
      priority: 1,
      action: blockWith('throttled', { 'Retry-After': String(ratePerIp.windowSeconds) }),
      statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: ratePerIp.limit, evaluationWindowSec: ratePerIp.windowSeconds } },
      visibilityConfig: visibility('RatePerClientIp'),
    },
    {
      name: 'BodyTooLarge',
      priority: 2,
      action: blockWith('payload-too-large'),
      // Every path: the providers' callbacks, whose bodies may be larger, are not behind this ACL (callback-api.ts).
      statement: {
        sizeConstraintStatement: {
          fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
          comparisonOperator: 'GT',
          size: MAX_REQUEST_BODY_BYTES,
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      },
      visibilityConfig: visibility('BodyTooLarge'),
    },
    {
      name: 'BodyNotJson',
      priority: 3,
      action: blockWith('unsupported-media-type'),
      statement: {
        andStatement: {
          statements: [
            {
              orStatement: {
                statements: BODY_METHODS.map((method) => ({
                  byteMatchStatement: {
                    fieldToMatch: { method: {} },
                    positionalConstraint: 'EXACTLY',
                    searchString: method,
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                })),
              },
            },
            {
              notStatement: {
                statement: {
                  regexMatchStatement: {
                    // L1 passes this JSON through as written, hence CloudFormation's casing.
                    fieldToMatch: { singleHeader: { Name: 'content-type' } },
                    regexString: JSON_CONTENT_TYPE,
                    textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                  },
                },
              },
            },
          ],
        },
      },
      visibilityConfig: visibility('BodyNotJson'),
    },
    managed('AWSManagedRulesKnownBadInputsRuleSet', 4),
    // SizeRestrictions_BODY blocks bodies over 8 KB with a bare 403; BodyTooLarge above owns the limit.
    managed('AWSManagedRulesCommonRuleSet', 5, ['SizeRestrictions_BODY']),
  ];
}

/**
 * AWS WAF in front of the API stage: AWS managed rules (IP reputation, known bad inputs, the
 * common rule set), a rate limit per client address, and the API's own limits answered the way
 * the service answers them (413 over 16 KB, 415 for a body that is not JSON). Logs go to an
 * `aws-waf-logs-` group with the Authorization header redacted: the requests it blocked and those a
 * counting rule matched ({@link WAF_LOG_FILTER}).
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: 'bank-api',
      scope: 'REGIONAL',
      description: 'Managed rules, rate per IP, body size and type for the checking-accounts API',
      defaultAction: { allow: {} },
      rules: firewallRules(props.ratePerIp ?? DEFAULT_RATE_PER_IP),
      customResponseBodies: Object.fromEntries(Object.entries(RESPONSES).map(([key, r]) => [key, { contentType: 'APPLICATION_JSON', content: r.body }])),
      // 16 KB is WAF's included inspection size for API Gateway (larger sizes cost extra).
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: 'KB_16' } } },
      visibilityConfig: visibility('bank-api'),
    });
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.api.deploymentStage.stageArn, webAclArn: this.webAcl.attrArn });

    // A managed rule blocks with WAF's bare 403; API Gateway then answers WAF_FILTERED, in our shape.
    props.api.addGatewayResponse('RequestBlocked', {
      type: ResponseType.WAF_FILTERED,
      statusCode: '403',
      responseHeaders: { 'Content-Type': "'application/problem+json'" },
      templates: { 'application/json': problemBody('REQUEST_BLOCKED', 403, 'The request was blocked by the firewall.') },
    });

    const logGroupName = 'aws-waf-logs-bank-api';
    this.logGroup = new LogGroup(this, 'Logs', { logGroupName, retention: RetentionDays.ONE_YEAR });
    const logGroupArn = Arn.format({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, Stack.of(this));
    const logging = new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [logGroupArn],
      // Tokens never reach a log.
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
      loggingFilter: WAF_LOG_FILTER,
    });
    logging.node.addDependency(this.logGroup);
  }
}
