import { Match } from 'aws-cdk-lib/assertions';
import { buildTopology } from '@bank/topology';
import { KEY_ADMIN_ACTIONS } from '../../src/keys';
import { MIN_LOG_RETENTION_DAYS } from '../../src/log-groups';
import { DEFAULT_ROUTE_THROTTLES } from '../../src/route-throttling';
import { MAX_REQUEST_BODY_BYTES } from '../../src/waf';
import { asList, type PolicyStatement, refId, resources, synthStubStack, type SynthesizedStack } from '../fixtures/stub-stack';

const topology = buildTopology();
let synth: SynthesizedStack;

beforeAll(() => {
  synth = synthStubStack();
});
afterAll(() => synth.cleanup());

type Statement = PolicyStatement;
const keys = () => resources(synth.template, 'AWS::KMS::Key');
const keyId = (prefix: string): string => Object.keys(keys()).find((id) => id.startsWith(`Keys${prefix}`)) ?? 'missing';
const keyStatements = (prefix: string): Statement[] =>
  (keys()[keyId(prefix)]?.Properties.KeyPolicy as { Statement: Statement[] }).Statement;
const queueId = (name: string): string =>
  Object.entries(resources(synth.template, 'AWS::SQS::Queue')).find(([, q]) => q.Properties.QueueName === name)?.[0] ?? 'missing';
const roleId = (prefix: string): string => Object.keys(resources(synth.template, 'AWS::IAM::Role')).find((id) => id.startsWith(prefix)) ?? 'missing';
const queuePolicyStatements = (queue: string): Statement[] =>
  Object.values(resources(synth.template, 'AWS::SQS::QueuePolicy'))
    .filter((p) => (p.Properties.Queues as unknown[]).some((q) => refId(q) === queueId(queue)))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const principalIds = (s: Statement): Array<string | undefined> => asList(s.Principal?.AWS ?? []).map((p) => refId(p));

describe('customer-managed keys', () => {
  it('creates five rotating keys that outlive the stack', () => {
    expect(Object.keys(keys()).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['KeysData', 'KeysLogs', 'KeysQueues', 'KeysSecrets', 'KeysTopics']);
    for (const key of Object.values(keys())) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect((key as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
    }
  });

  it('trusts the account root with administration only: no cryptographic action and no CreateGrant', () => {
    for (const id of Object.keys(keys())) {
      const statements = (keys()[id]?.Properties.KeyPolicy as { Statement: Statement[] }).Statement;
      const rootStatements = statements.filter((s) => JSON.stringify(s.Principal ?? {}).includes(':root'));
      const admin = rootStatements.find((s) => s.Sid === 'KeyAdministrationOnly');
      expect(asList(admin?.Action ?? []).sort()).toEqual([...KEY_ADMIN_ACTIONS].sort());
      for (const s of rootStatements.filter((x) => x !== admin)) {
        // The only other root statements are write-only or AWS-resource grants, each bound to one service.
        expect(asList(s.Action).some((a) => a === 'kms:Decrypt' || a === 'kms:*')).toBe(false);
        expect(s.Condition?.StringEquals?.['kms:ViaService']).toBeDefined();
      }
    }
  });

  it('lets DynamoDB create grants on the data key for AWS resources only', () => {
    const grant = keyStatements('Data').find((s) => s.Sid === 'TableGrantsForDynamoDB');
    expect(grant?.Action).toBe('kms:CreateGrant');
    expect(grant?.Condition?.Bool).toEqual({ 'kms:GrantIsForAWSResource': 'true' });
  });

  it('gives each function role the use of a key in the key policy, through one service each', () => {
    const apiUse = keyStatements('Data').filter((s) => principalIds(s).includes(roleId('HttpAccountApiRole')));
    expect(apiUse).toHaveLength(1);
    expect(asList(apiUse[0]?.Action ?? []).sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']);
    expect(JSON.stringify(apiUse[0]?.Condition?.StringEquals?.['kms:ViaService'])).toContain('dynamodb.');
    const secretUse = keyStatements('Secrets').filter((s) => s.Principal?.AWS && !JSON.stringify(s.Principal).includes(':root'));
    expect(secretUse.map((s) => principalIds(s)[0]).sort()).toEqual(
      [...topology.notifiers.map((n) => roleId(`Channels${n.name.replace('-', '')}Role`)), roleId('DeliveryStatusFunctionRole')].sort(),
    );
    for (const s of secretUse) expect(asList(s.Action).sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
  });

  it('lets SNS use the queues key only for deliveries from the events topic', () => {
    const sns = keyStatements('Queues').find((s) => s.Principal?.Service === 'sns.amazonaws.com');
    expect(refId(sns?.Condition?.ArnEquals?.['aws:SourceArn'])).toBe(Object.keys(resources(synth.template, 'AWS::SNS::Topic')).find((id) => id.startsWith('TransactionEvents')));
  });

  it('lets CloudWatch Logs use the logs key for this account log groups only', () => {
    const logs = keyStatements('Logs').find((s) => JSON.stringify(s.Principal).includes('logs.'));
    expect(JSON.stringify(logs?.Condition?.ArnLike?.['kms:EncryptionContext:aws:logs:arn'])).toContain(':log-group:*');
  });

  it('encrypts every data resource with a customer-managed key', () => {
    for (const table of Object.values(resources(synth.template, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId('Data'), 'Arn'] } });
    }
    for (const topic of Object.values(resources(synth.template, 'AWS::SNS::Topic'))) expect(refId(topic.Properties.KmsMasterKeyId)).toBe(keyId('Topics'));
    for (const secret of Object.values(resources(synth.template, 'AWS::SecretsManager::Secret'))) expect(refId(secret.Properties.KmsKeyId)).toBe(keyId('Secrets'));
    for (const group of Object.values(resources(synth.template, 'AWS::Logs::LogGroup'))) expect(refId(group.Properties.KmsKeyId)).toBe(keyId('Logs'));
    synth.template.hasResourceProperties('AWS::Events::Archive', { KmsKeyIdentifier: { 'Fn::GetAtt': [keyId('Queues'), 'Arn'] } });
  });
});

describe('accounts table', () => {
  it('keeps both tables: deletion protection, point-in-time recovery, retained on stack deletion', () => {
    for (const [, table] of Object.entries(resources(synth.template, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect((table as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
    }
  });

  it('lets the API delete only hold listing entries (idempotency answers expire by TTL)', () => {
    const policy = Object.entries(resources(synth.template, 'AWS::IAM::Policy')).find(([id]) => id.startsWith('HttpAccountApiRole'))?.[1];
    const deletes = (policy?.Properties.PolicyDocument as { Statement: Statement[] }).Statement.filter((s) => asList(s.Action).includes('dynamodb:DeleteItem'));
    expect(deletes).toHaveLength(1);
    expect(asList(deletes[0]?.Action ?? [])).toEqual(['dynamodb:DeleteItem']);
    expect(deletes[0]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['HOLDS#*'] } });
  });
});

describe('log groups', () => {
  it('keeps every log group at least a year and retains it on stack deletion', () => {
    const groups = Object.values(resources(synth.template, 'AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(2 + topology.notifiers.length + 2);
    for (const group of groups) {
      expect(group.Properties.RetentionInDays).toBeGreaterThanOrEqual(MIN_LOG_RETENTION_DAYS);
      expect((group as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
    }
  });
});

describe('queue policies', () => {
  it('denies sending to a channel queue to everyone but the events topic and the operator role', () => {
    for (const channel of topology.channels) {
      const deny = queuePolicyStatements(channel.queueName).find((s) => s.Sid === 'OnlyListedSenders');
      expect(deny).toMatchObject({ Effect: 'Deny', Action: 'sqs:SendMessage', Principal: { AWS: '*' } });
      const notListed = deny?.Condition?.ArnNotEquals ?? {};
      expect(asList(notListed['aws:SourceArn']).map(refId)).toEqual([Object.keys(resources(synth.template, 'AWS::SNS::Topic')).find((id) => id.startsWith('TransactionEvents'))]);
      expect(asList(notListed['aws:PrincipalArn']).map(refId)).toEqual([roleId('AccessOperatorRole')]);
    }
  });

  it('lets into a channel DLQ only the notifier that serves the channel and the operator role', () => {
    for (const channel of topology.channels) {
      const deny = queuePolicyStatements(channel.dlqName).find((s) => s.Sid === 'OnlyListedSenders');
      expect(deny?.Condition?.ArnNotEquals?.['aws:SourceArn']).toBeUndefined();
      expect(asList(deny?.Condition?.ArnNotEquals?.['aws:PrincipalArn']).map(refId).sort()).toEqual(
        [roleId(`Channels${channel.notifier.replace('-', '')}Role`), roleId('AccessOperatorRole')].sort(),
      );
    }
  });

  it('lets a DLQ be the dead-letter queue of its own work queue only', () => {
    const dlq = resources(synth.template, 'AWS::SQS::Queue')[queueId(topology.channels[0]?.dlqName ?? '')];
    expect(dlq?.Properties.RedriveAllowPolicy).toMatchObject({ redrivePermission: 'byQueue' });
    expect(JSON.stringify(dlq?.Properties.RedriveAllowPolicy)).toContain(`:${topology.channels[0]?.queueName}`);
  });
});

describe('operator role', () => {
  it('is assumable by the account, for an hour at most, and works dead letters and replays', () => {
    const role = resources(synth.template, 'AWS::IAM::Role')[roleId('AccessOperatorRole')];
    expect(role?.Properties.MaxSessionDuration).toBe(3600);
    expect(JSON.stringify(role?.Properties.AssumeRolePolicyDocument)).toContain(':root');
    const policy = Object.entries(resources(synth.template, 'AWS::IAM::Policy')).find(([id]) => id.startsWith('AccessOperatorRole'))?.[1];
    const actions = (policy?.Properties.PolicyDocument as { Statement: Statement[] }).Statement.flatMap((s) => asList(s.Action));
    expect(actions).toEqual(expect.arrayContaining(['sqs:StartMessageMoveTask', 'sqs:ReceiveMessage', 'sqs:SendMessage', 'events:StartReplay']));
    expect(actions).not.toContain('sqs:PurgeQueue');
  });
});

describe('WAF', () => {
  const acl = () => Object.values(resources(synth.template, 'AWS::WAFv2::WebACL'))[0];
  const rules = () => acl()?.Properties.Rules as Array<Record<string, unknown> & { Name: string }>;

  it('associates one regional web ACL with the API stage', () => {
    expect(acl()?.Properties.Scope).toBe('REGIONAL');
    const association = Object.values(resources(synth.template, 'AWS::WAFv2::WebACLAssociation'))[0];
    expect(JSON.stringify(association?.Properties.ResourceArn)).toContain('/stages/');
  });

  it('runs the AWS managed rule groups, a rate limit per IP, and the body rules', () => {
    expect(rules().map((r) => r.Name)).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'RatePerClientIp',
      'BodyTooLarge',
      'BodyNotJson',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesCommonRuleSet',
    ]);
    expect(rules()[1]).toMatchObject({ Statement: { RateBasedStatement: { AggregateKeyType: 'IP' } } });
  });

  it('answers a body over 16 KB, on any path, with a problem+json 413 PAYLOAD_TOO_LARGE', () => {
    const rule = rules().find((r) => r.Name === 'BodyTooLarge');
    expect(rule).toMatchObject({
      Statement: { SizeConstraintStatement: { ComparisonOperator: 'GT', Size: MAX_REQUEST_BODY_BYTES, FieldToMatch: { Body: { OversizeHandling: 'MATCH' } } } },
      Action: { Block: { CustomResponse: { ResponseCode: 413, CustomResponseBodyKey: 'payload-too-large' } } },
    });
    const body = (acl()?.Properties.CustomResponseBodies as Record<string, { Content: string; ContentType: string }>)['payload-too-large'];
    expect(body?.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body?.Content ?? '{}')).toEqual({
      type: 'urn:bank:problem:payload-too-large',
      title: 'payload too large',
      status: 413,
      detail: expect.any(String),
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('answers a body that is not JSON, on any path, with a problem+json 415 UNSUPPORTED_MEDIA_TYPE', () => {
    const rule = rules().find((r) => r.Name === 'BodyNotJson');
    expect(rule).toMatchObject({ Action: { Block: { CustomResponse: { ResponseCode: 415, CustomResponseBodyKey: 'unsupported-media-type' } } } });
    // A body method whose Content-Type is not JSON: no exception for a path (the callbacks are not behind this ACL).
    const statements = (rule?.Statement as { AndStatement: { Statements: Array<Record<string, unknown>> } }).AndStatement.Statements;
    expect(statements.map((st) => Object.keys(st)[0])).toEqual(['OrStatement', 'NotStatement']);
    expect(JSON.stringify(statements[1])).toContain('content-type');
    expect(JSON.stringify(rules())).not.toMatch(/UriPath|webhooks/);
    const body = (acl()?.Properties.CustomResponseBodies as Record<string, { Content: string }>)['unsupported-media-type'];
    expect(JSON.parse(body?.Content ?? '{}')).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('leaves the body limit to its own rule instead of the common rule set 8 KB block', () => {
    expect(rules().find((r) => r.Name === 'AWSManagedRulesCommonRuleSet')).toMatchObject({
      Statement: { ManagedRuleGroupStatement: { RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }] } },
    });
  });

  it('logs to an aws-waf-logs- group kept a year, with the Authorization header redacted', () => {
    synth.template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'), RetentionInDays: 365 });
    synth.template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', { RedactedFields: [{ SingleHeader: { Name: 'authorization' } }] });
  });

  it('logs only what it blocked or a rule counted (the access log has every request, with WAF status)', () => {
    const configs = Object.values(resources(synth.template, 'AWS::WAFv2::LoggingConfiguration'));
    expect(configs).toHaveLength(1);
    expect(configs[0]?.Properties.LoggingFilter).toEqual({
      DefaultBehavior: 'DROP',
      Filters: [
        {
          Behavior: 'KEEP',
          Requirement: 'MEETS_ANY',
          Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }, { ActionCondition: { Action: 'EXCLUDED_AS_COUNT' } }],
        },
      ],
    });
    synth.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { Format: Match.stringLikeRegexp('"wafStatus":"\\$context.waf.status"') },
    });
  });

  it('answers a managed-rule block (WAF_FILTERED) as problem+json', () => {
    synth.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'WAF_FILTERED',
      ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
    });
  });
});

describe('API stage', () => {
  const settings = () =>
    (Object.values(resources(synth.template, 'AWS::ApiGateway::Stage'))[0]?.Properties.MethodSettings as Array<Record<string, unknown>>) ?? [];

  it('throttles money routes tighter than reads', () => {
    const of = (method: string, path: string) => settings().find((s) => s.HttpMethod === method && s.ResourcePath === `/${path.replaceAll('/', '~1')}`);
    for (const path of ['/deposit', '/withdraw', '/transfer']) {
      expect(of('POST', path)).toMatchObject({ ThrottlingRateLimit: DEFAULT_ROUTE_THROTTLES.money.rateLimit, ThrottlingBurstLimit: DEFAULT_ROUTE_THROTTLES.money.burstLimit });
    }
    expect(of('GET', '/accounts/{accountId}')).toMatchObject({ ThrottlingRateLimit: DEFAULT_ROUTE_THROTTLES.other.rateLimit });
    expect(DEFAULT_ROUTE_THROTTLES.money.rateLimit).toBeLessThan(DEFAULT_ROUTE_THROTTLES.other.rateLimit);
  });

  it('logs source IP, caller sub, request id, route, status and latency, and nothing of the request itself', () => {
    const stage = Object.values(resources(synth.template, 'AWS::ApiGateway::Stage'))[0];
    const format = JSON.parse((stage?.Properties.AccessLogSetting as { Format: string }).Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      sourceIp: '$context.identity.sourceIp',
      sub: '$context.authorizer.claims.sub',
      resource: '$context.resourcePath',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
    });
    expect(Object.values(format).join(' ')).not.toMatch(/requestOverride|input\.|body|Authorization|querystring/i);
  });
});
