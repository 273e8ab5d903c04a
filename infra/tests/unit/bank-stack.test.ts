import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { API_ROUTES, buildTopology, DELIVERIES_BY_ACCOUNT_INDEX, filterPolicyFor, IDENTITY } from '@bank/topology';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RULE_QUEUE_MAX_RECEIVE_COUNT } from '../../src/event-bus';
import { API_TABLE_ACTIONS } from '../../src/http-api';
import { NAG_ACKNOWLEDGMENTS } from '../../src/nag-suppressions';
import { bundledPluginsOf, callbackSecrets, notifierSecrets, secretNameOf } from '../../src/provider-secrets';
import { secretArnVariable, secretsOf } from '@bank/plugin-sdk';
import { bundledPlugins } from '@bank/plugin-sdk/bundle';
import { REPO_ROOT } from '../../src/repo-paths';
import { refId, resources, synthStubStack, type SynthesizedStack } from '../fixtures/stub-stack';

/** The only actions AWS authorizes solely on Resource "*" (sns:Publish to phone numbers: Cognito's SMS role). */
const STAR_ONLY_ACTIONS = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams', 'events:ListReplays']);
const STAR_ONLY_BY_ROLE: Readonly<Record<string, string>> = { IdentityPoolsmsRole: 'sns:Publish' };

const topology = buildTopology();
let synth: SynthesizedStack;

beforeAll(() => {
  synth = synthStubStack();
});
afterAll(() => synth.cleanup());

const queues = () => resources(synth.template, 'AWS::SQS::Queue');
const functions = () => resources(synth.template, 'AWS::Lambda::Function');
const mappings = () => resources(synth.template, 'AWS::Lambda::EventSourceMapping');
const queueId = (name: string): string => {
  const id = Object.entries(queues()).find(([, q]) => q.Properties.QueueName === name)?.[0];
  if (!id) throw new Error(`no queue ${name}`);
  return id;
};
const deliveriesTableId = (): string =>
  Object.entries(resources(synth.template, 'AWS::DynamoDB::Table')).find(([, t]) => t.Properties.TableName === 'NotificationDeliveries')?.[0] ?? 'no deliveries table';
const sqsMappings = () => Object.values(mappings()).filter((m) => refId(m.Properties.EventSourceArn) && queues()[refId(m.Properties.EventSourceArn) ?? '']);

/** Queues something dead-letters into: redrive targets, stream on-failure destinations, rule target DLQs. */
function deadLetterQueueIds(): Set<string> {
  const ids = new Set<string>();
  for (const q of Object.values(queues())) {
    const redrive = q.Properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined;
    const id = refId(redrive?.deadLetterTargetArn);
    if (id) ids.add(id);
  }
  for (const m of Object.values(mappings())) {
    const id = refId((m.Properties.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination);
    if (id) ids.add(id);
  }
  for (const rule of Object.values(resources(synth.template, 'AWS::Events::Rule'))) {
    for (const target of rule.Properties.Targets as Array<{ DeadLetterConfig?: { Arn?: unknown } }>) {
      const id = refId(target.DeadLetterConfig?.Arn);
      if (id) ids.add(id);
    }
  }
  return ids;
}

interface Statement {
  Action: string | string[];
  Resource: unknown;
}
function allStatements(): Array<{ policy: string; statement: Statement }> {
  const out: Array<{ policy: string; statement: Statement }> = [];
  for (const [id, p] of Object.entries(resources(synth.template, 'AWS::IAM::Policy'))) {
    for (const statement of (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement) out.push({ policy: id, statement });
  }
  for (const [id, r] of Object.entries(resources(synth.template, 'AWS::IAM::Role'))) {
    for (const inline of (r.Properties.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }> | undefined) ?? []) {
      for (const statement of inline.PolicyDocument.Statement) out.push({ policy: id, statement });
    }
  }
  return out;
}
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The actions each function's role may perform on a given resource id. */
function actionsOf(functionPathPart: string): Map<string, Set<string>> {
  const policyId = Object.keys(resources(synth.template, 'AWS::IAM::Policy')).find((id) => id.startsWith(functionPathPart));
  const byResource = new Map<string, Set<string>>();
  for (const { policy, statement } of allStatements()) {
    if (policy !== policyId) continue;
    for (const resource of asList(statement.Resource)) {
      const key = refId(resource) ?? String(resource);
      const set = byResource.get(key) ?? new Set<string>();
      asList(statement.Action).forEach((a) => set.add(a));
      byResource.set(key, set);
    }
  }
  return byResource;
}
const tableId = (name: string): string =>
  Object.entries(resources(synth.template, 'AWS::DynamoDB::Table')).find(([, t]) => t.Properties.TableName === name)?.[0] ?? 'missing';

describe('queues and dead-letter queues', () => {
  it('gives every work queue a DLQ with the maxReceiveCount the topology configures', () => {
    const expected = new Map<string, number>([
      ...topology.channels.map((c): [string, number] => [c.queueName, c.retry.maxReceiveCount]),
      ...topology.rules.map((r): [string, number] => [r.queueName, RULE_QUEUE_MAX_RECEIVE_COUNT]),
    ]);
    const dlqs = deadLetterQueueIds();
    const workQueues = Object.entries(queues()).filter(([id]) => !dlqs.has(id));
    expect(workQueues.map(([, q]) => q.Properties.QueueName).sort()).toEqual([...expected.keys()].sort());
    for (const [, q] of workQueues) {
      const redrive = q.Properties.RedrivePolicy as { maxReceiveCount: number; deadLetterTargetArn: unknown };
      expect(redrive.maxReceiveCount).toBe(expected.get(q.Properties.QueueName as string));
      expect(dlqs.has(refId(redrive.deadLetterTargetArn) ?? '')).toBe(true);
    }
  });

  it('sends each channel queue to the DLQ the topology names for it', () => {
    for (const channel of topology.channels) {
      const redrive = queues()[queueId(channel.queueName)]?.Properties.RedrivePolicy as { deadLetterTargetArn: unknown };
      expect(refId(redrive.deadLetterTargetArn)).toBe(queueId(channel.dlqName));
    }
  });

  it('encrypts every queue with the customer-managed queues key and refuses plain-HTTP access to it', () => {
    const queuesKey = Object.keys(resources(synth.template, 'AWS::KMS::Key')).find((id) => id.startsWith('KeysQueues'));
    for (const q of Object.values(queues())) expect(refId(q.Properties.KmsMasterKeyId)).toBe(queuesKey);
    const policies = Object.values(resources(synth.template, 'AWS::SQS::QueuePolicy'));
    const guarded = new Set(policies.flatMap((p) => (p.Properties.Queues as unknown[]).map((q) => refId(q))));
    for (const id of Object.keys(queues())) expect(guarded.has(id)).toBe(true);
  });
});

describe('SQS event sources', () => {
  it('report batch item failures on every SQS event source', () => {
    // One per channel, and the risk detector's.
    expect(sqsMappings()).toHaveLength(topology.channels.length + 1);
    for (const m of sqsMappings()) expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('cap concurrency and batch size per channel as the topology says', () => {
    for (const channel of topology.channels) {
      const mapping = sqsMappings().find((m) => refId(m.Properties.EventSourceArn) === queueId(channel.queueName));
      expect(mapping?.Properties.ScalingConfig).toEqual({ MaximumConcurrency: channel.maxConcurrency });
      expect(mapping?.Properties.BatchSize).toBe(channel.batchSize);
    }
  });

  it('keep every queue visibility timeout at least 6x the timeout of the function consuming it', () => {
    for (const m of sqsMappings()) {
      const queue = queues()[refId(m.Properties.EventSourceArn) ?? ''];
      const fn = functions()[refId(m.Properties.FunctionName) ?? ''];
      expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (fn?.Properties.Timeout as number));
    }
  });

  it('wire each channel queue to the notifier the topology names', () => {
    for (const channel of topology.channels) {
      const mapping = sqsMappings().find((m) => refId(m.Properties.EventSourceArn) === queueId(channel.queueName));
      const fn = functions()[refId(mapping?.Properties.FunctionName) ?? ''];
      expect(fn?.Properties.Description).toContain(channel.notifier);
    }
  });
});

describe('Lambda functions', () => {
  it('run every function on nodejs22.x, ARM64, with active tracing', () => {
    // API, relay, the Cognito sign-in trigger, risk detection, hold expiry, the providers' callbacks, and one per notifier.
    expect(Object.keys(functions())).toHaveLength(6 + topology.notifiers.length);
    for (const fn of Object.values(functions())) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('log every function to its own log group with a retention period', () => {
    const groups = resources(synth.template, 'AWS::Logs::LogGroup');
    const used = new Set<string>();
    for (const fn of Object.values(functions())) {
      const groupId = refId((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup) ?? '';
      expect(groups[groupId]?.Properties.RetentionInDays).toEqual(expect.any(Number));
      used.add(groupId);
    }
    expect(used.size).toBe(Object.keys(functions()).length);
  });

  it('enables source maps at runtime for the bundled code', () => {
    for (const fn of Object.values(functions())) {
      const env = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(env.NODE_OPTIONS).toContain('--enable-source-maps');
    }
  });

  it('passes provider secrets by ARN only, each notifier getting just the ones its plugins declare', () => {
    const secrets = resources(synth.template, 'AWS::SecretsManager::Secret');
    const secretId = (name: string) => Object.entries(secrets).find(([, s]) => s.Properties.Name === name)?.[0];
    const envOf = (notifier: string) =>
      (Object.values(functions()).find((f) => String(f.Properties.Description).startsWith(`Notifier ${notifier}:`))?.Properties.Environment as {
        Variables: Record<string, unknown>;
      }).Variables;
    for (const notifier of topology.notifiers) {
      const declared = notifierSecrets(notifier);
      const env = envOf(notifier.name);
      expect(Object.keys(env).filter((name) => name.endsWith('_SECRET_ARN')).sort()).toEqual(declared.map((s) => secretArnVariable(s.name)).sort());
      for (const secret of declared) expect(refId(env[secretArnVariable(secret.name)])).toBe(secretId(secretNameOf(secret.name)));
    }
    const names = new Set([...secretsOf(topology.notifiers.flatMap((n) => bundledPluginsOf(n))), ...callbackSecrets(topology)].map((s) => s.name));
    expect(Object.keys(secrets)).toHaveLength(names.size);
  });

  it('gives the callbacks function only its declared secrets, the public URL, and the tables as far as it needs them', () => {
    const [id, fn] = Object.entries(functions()).find(([, f]) => String(f.Properties.Description).startsWith("Providers' delivery status")) ?? [];
    const env = (fn?.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env).filter((name) => name.endsWith('_SECRET_ARN')).sort()).toEqual(callbackSecrets(topology).map((s) => secretArnVariable(s.name)).sort());
    expect(env.PUBLIC_API_URL).toEqual({ 'Fn::GetAtt': [Object.keys(resources(synth.template, 'AWS::ApiGatewayV2::Api'))[0], 'ApiEndpoint'] });
    const role = (fn?.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const statements = Object.values(resources(synth.template, 'AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as unknown[]).some((r) => refId(r) === role))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
    const actions = statements.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(
      ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:UpdateItem'].sort(),
    );
    // On the deliveries table: read the lookup and the delivery, write the delivery (a put of the record read, or an update).
    const onDeliveries = statements.filter((st) => JSON.stringify(st.Resource).includes(deliveriesTableId())).flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
    expect(onDeliveries.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(id).toBeDefined();
  });

  it('indexes deliveries by account for the notification history', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: topology.deliveriesTable.name,
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'ByAccount', KeySchema: [{ AttributeName: 'accountId', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } })],
    });
  });

  it('sets none of the local stack\'s provider settings, so every plugin is checked as production', () => {
    const envNames = (fn: { Properties: Record<string, unknown> }) => Object.keys((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables);
    for (const fn of Object.values(functions())) expect(envNames(fn)).not.toContain('BANK_PROVIDER_SANDBOX');
    for (const notifier of topology.notifiers) {
      const localOnly = bundledPlugins(path.join(REPO_ROOT, notifier.dir)).flatMap((p) => Object.keys(p.local?.env ?? {}));
      expect(localOnly.length).toBeGreaterThan(0);
      const fn = Object.values(functions()).find((f) => String(f.Properties.Description).startsWith(`Notifier ${notifier.name}:`));
      if (!fn) throw new Error(`no function for notifier ${notifier.name}`);
      expect(envNames(fn).filter((name) => localOnly.includes(name))).toEqual([]);
    }
  });

  it('gives notifiers the table names and the retry budget they resolve recipients and DLQs with', () => {
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Notifier notify-sms'),
      Environment: {
        Variables: Match.objectLike({
          ACCOUNTS_TABLE: { Ref: tableId('CheckingAccountTransactions') },
          DELIVERIES_TABLE: { Ref: tableId('NotificationDeliveries') },
          MAX_RECEIVE_COUNT: '5',
        }),
      },
    });
  });
});

describe('IAM', () => {
  it('grants Resource "*" only for actions AWS cannot scope to a resource', () => {
    for (const { policy, statement } of allStatements()) {
      const resourcesOf = asList(statement.Resource);
      if (!resourcesOf.some((r) => typeof r === 'string' && r.includes('*'))) continue;
      const allowed = (action: string) => STAR_ONLY_ACTIONS.has(action) || Object.entries(STAR_ONLY_BY_ROLE).some(([role, a]) => policy.startsWith(role) && a === action);
      for (const action of asList(statement.Action)) expect(`${policy}: ${action}`).toBe(`${policy}: ${allowed(action) ? action : '(not allowed on *)'}`);
    }
  });

  it('never grants wildcard actions', () => {
    for (const { statement } of allStatements()) for (const action of asList(statement.Action)) expect(action).not.toContain('*');
  });

  it('lets the account API do only its item operations, on the accounts table only', () => {
    const byResource = actionsOf('HttpAccountApiRole');
    // DeleteItem comes with a condition (hold listing entries only), asserted in hardening.test.ts.
    expect([...(byResource.get(tableId('CheckingAccountTransactions')) ?? [])].sort()).toEqual([...API_TABLE_ACTIONS, 'dynamodb:DeleteItem'].sort());
    expect(byResource.has(tableId('NotificationDeliveries'))).toBe(false);
  });

  it("lets the account API only query the deliveries' by-account index (the notification history)", () => {
    const policyId = Object.keys(resources(synth.template, 'AWS::IAM::Policy')).find((id) => id.startsWith('HttpAccountApiRole'));
    const onDeliveries = allStatements().filter(({ policy, statement }) => policy === policyId && JSON.stringify(statement.Resource).includes(tableId('NotificationDeliveries')));
    expect(onDeliveries.map(({ statement }) => [statement.Action, JSON.stringify(statement.Resource)])).toEqual([
      ['dynamodb:Query', expect.stringContaining(`/index/${DELIVERIES_BY_ACCOUNT_INDEX.name}`)],
    ]);
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Account service: every HTTP route',
      Environment: { Variables: Match.objectLike({ DELIVERIES_TABLE: { Ref: tableId('NotificationDeliveries') } }) },
    });
  });

  it('lets a notifier read accounts, write deliveries, consume its queues and feed its DLQs', () => {
    const byResource = actionsOf('ChannelsnotifyemailRole');
    expect([...(byResource.get(tableId('CheckingAccountTransactions')) ?? [])]).toEqual(['dynamodb:GetItem']);
    expect([...(byResource.get(tableId('NotificationDeliveries')) ?? [])].sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(byResource.get(queueId('notify-email'))).toEqual(
      new Set(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']),
    );
    expect(byResource.get(queueId('notify-email-dlq'))).toEqual(new Set(['sqs:SendMessage', 'sqs:GetQueueUrl']));
    expect(byResource.has(queueId('notify-sms'))).toBe(false);
  });

  it('uses no managed policy on any function role', () => {
    for (const role of Object.values(resources(synth.template, 'AWS::IAM::Role'))) {
      const principal = JSON.stringify(role.Properties.AssumeRolePolicyDocument);
      if (principal.includes('lambda.amazonaws.com')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('alarms', () => {
  it('alarms on the first message in every dead-letter queue', () => {
    const dlqs = deadLetterQueueIds();
    expect(dlqs.size).toBe(topology.channels.length + topology.rules.length + 1);
    const alarms = Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm'));
    for (const dlq of dlqs) {
      const alarm = alarms.find(
        (a) =>
          a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          (a.Properties.Dimensions as Array<{ Value: unknown }>).some((d) => refId(d.Value) === dlq),
      );
      expect({ dlq, threshold: alarm?.Properties.Threshold, actions: (alarm?.Properties.AlarmActions as unknown[] | undefined)?.length }).toEqual({ dlq, threshold: 1, actions: 1 });
    }
  });

  it('alarms on errors and throttles of every function, API 5xx and stream iterator age', () => {
    const alarms = Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm'));
    for (const fnId of Object.keys(functions())) {
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarms.some((a) => a.Properties.MetricName === metric && (a.Properties.Dimensions as Array<{ Value: unknown }>).some((d) => refId(d.Value) === fnId));
        expect(`${fnId} ${metric} ${found}`).toBe(`${fnId} ${metric} true`);
      }
    }
    expect(alarms.some((a) => a.Properties.MetricName === '5XXError' && a.Properties.Namespace === 'AWS/ApiGateway')).toBe(true);
    expect(alarms.some((a) => a.Properties.MetricName === '5xx' && a.Properties.Namespace === 'AWS/ApiGateway')).toBe(true);
    expect(alarms.some((a) => a.Properties.MetricName === 'IteratorAge')).toBe(true);
  });
});

describe('tables', () => {
  it('creates the accounts table on demand with PITR, TTL and a NEW_IMAGE stream', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'CheckingAccountTransactions',
      KeySchema: [
        { AttributeName: 'AccountID', KeyType: 'HASH' },
        { AttributeName: 'TransactionID', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('creates the deliveries table with TTL and PITR', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'NotificationDeliveries',
      KeySchema: [{ AttributeName: 'DeliveryID', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe('messaging', () => {
  it('subscribes each channel queue to the topic with raw delivery and its filter policy', () => {
    const subscriptions = Object.values(resources(synth.template, 'AWS::SNS::Subscription'));
    for (const channel of topology.channels) {
      const sub = subscriptions.find((s) => refId(s.Properties.Endpoint) === queueId(channel.queueName));
      expect(sub?.Properties).toMatchObject({ Protocol: 'sqs', RawMessageDelivery: true, FilterPolicy: filterPolicyFor(channel) });
    }
  });

  it('relays the table stream with bisect-on-error, bounded retries and an on-failure queue', () => {
    const streamMapping = Object.values(mappings()).find((m) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'));
    expect(streamMapping?.Properties).toMatchObject({
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId('outbox-relay-failures'), 'Arn'] } } },
    });
  });

  it('archives the bus and routes the money events to the risk queue with a DLQ', () => {
    synth.template.hasResourceProperties('AWS::Events::Archive', { ArchiveName: topology.bus.archiveName, RetentionDays: topology.bus.retentionDays });
    synth.template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'risk-detection',
      EventPattern: { source: ['bank.account'], 'detail-type': ['MoneyDeposited', 'MoneyWithdrawn', 'TransferSent', 'TransferReceived'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [queueId('risk-events'), 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId('risk-events-dlq'), 'Arn'] } } })],
    });
  });

  it('encrypts the events topic and accepts only TLS publishing', () => {
    synth.template.hasResourceProperties('AWS::SNS::Topic', { TopicName: topology.topicName, KmsMasterKeyId: Match.anyValue() });
    synth.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('HTTP API', () => {
  const methods = () => Object.values(resources(synth.template, 'AWS::ApiGateway::Method'));
  const integrationType = (m: { Properties: Record<string, unknown> }) => (m.Properties.Integration as { Type: string }).Type;
  const proxied = () => methods().filter((m) => integrationType(m) === 'AWS_PROXY');
  const mocks = () => methods().filter((m) => integrationType(m) === 'MOCK');
  const accountRoutes = API_ROUTES.filter((r) => r.service === 'account-api');

  it('serves every account-api route of the one route table, and only those, through one proxied function', () => {
    expect(proxied().map((m) => m.Properties.HttpMethod).sort()).toEqual(accountRoutes.map((r) => r.method).sort());
    const targets = new Set(proxied().map((m) => JSON.stringify((m.Properties.Integration as { Uri: unknown }).Uri)));
    expect(targets.size).toBe(1);
  });

  it('throttles every method of the REST API per route, and no other', () => {
    const settings = (Object.values(resources(synth.template, 'AWS::ApiGateway::Stage'))[0]?.Properties.MethodSettings as Array<{ HttpMethod: string; ResourcePath: string }>).filter(
      (m) => m.HttpMethod !== '*',
    );
    expect(settings.map((m) => `${m.ResourcePath.slice(1).replaceAll('~1', '/')}/${m.HttpMethod}`).sort()).toEqual(accountRoutes.map((r) => `${r.path}/${r.method}`).sort());
  });

  it('puts the Cognito authorizer, asking for the access token scope, on every method but GET /health', () => {
    const authorizers = resources(synth.template, 'AWS::ApiGateway::Authorizer');
    expect(Object.values(authorizers).map((a) => a.Properties.Type)).toEqual(['COGNITO_USER_POOLS']);
    const open = proxied().filter((m) => m.Properties.AuthorizationType !== 'COGNITO_USER_POOLS');
    expect(open).toHaveLength(accountRoutes.filter((r) => r.access === 'public').length);
    expect(open.map((m) => m.Properties.HttpMethod)).toEqual(['GET']);
    for (const m of proxied().filter((x) => x.Properties.AuthorizationType === 'COGNITO_USER_POOLS')) {
      expect(m.Properties.AuthorizationScopes).toEqual([IDENTITY.accessTokenScope]);
      expect(refId(m.Properties.AuthorizerId)).toBe(Object.keys(authorizers)[0]);
    }
  });

  it('answers a wrong method with a mock 405 and Allow, and unknown paths with a mock 404, without invoking the function', () => {
    const paths = new Set(accountRoutes.map((r) => r.path));
    const anyMocks = mocks().filter((m) => m.Properties.HttpMethod === 'ANY');
    expect(anyMocks).toHaveLength(paths.size + 1);
    const statuses = anyMocks.map((m) => (m.Properties.Integration as { IntegrationResponses: Array<{ StatusCode: string }> }).IntegrationResponses[0]?.StatusCode).sort();
    expect(statuses).toEqual([...Array.from({ length: paths.size }, () => '405'), '404'].sort());
    synth.template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      Integration: Match.objectLike({
        Type: 'MOCK',
        IntegrationResponses: [Match.objectLike({ StatusCode: '405', ResponseParameters: Match.objectLike({ 'method.response.header.Allow': "'GET, PATCH'" }) })],
      }),
    });
    synth.template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}' });
  });

  it('validates every body, whatever its content type, against a draft-04 model generated from the schemas', () => {
    const models = resources(synth.template, 'AWS::ApiGateway::Model');
    const withModels = proxied().filter((x) => x.Properties.RequestModels !== undefined);
    expect(withModels).toHaveLength(accountRoutes.filter((r) => r.bodySchema).length);
    for (const m of withModels) {
      expect(refId(m.Properties.RequestValidatorId)).toBeDefined();
      const model = models[refId((m.Properties.RequestModels as Record<string, unknown>).$default) ?? ''];
      expect((model?.Properties.Schema as Record<string, unknown>).$schema).toBe('http://json-schema.org/draft-04/schema#');
    }
    synth.template.hasResourceProperties('AWS::ApiGateway::Model', {
      Name: 'DepositRequest',
      Schema: Match.objectLike({ required: ['accountId', 'amount'], properties: Match.objectLike({ amount: Match.objectLike({ minimum: 0, exclusiveMinimum: true }) }) }),
    });
    synth.template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
  });

  it('throttles the stage, writes access logs and traces requests', () => {
    synth.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000, LoggingLevel: 'ERROR', DataTraceEnabled: false }),
      ]),
    });
  });

  it.each([
    ['BAD_REQUEST_BODY', '400', 'VALIDATION_FAILED'],
    ['UNAUTHORIZED', '401', 'UNAUTHENTICATED'],
    ['ACCESS_DENIED', '403', 'FORBIDDEN'],
    ['MISSING_AUTHENTICATION_TOKEN', '404', 'ROUTE_NOT_FOUND'],
    ['REQUEST_TOO_LARGE', '413', 'PAYLOAD_TOO_LARGE'],
    ['UNSUPPORTED_MEDIA_TYPE', '415', 'UNSUPPORTED_MEDIA_TYPE'],
    ['THROTTLED', '429', 'THROTTLED'],
    ['DEFAULT_5XX', '500', 'INTERNAL_ERROR'],
  ])('answers a gateway %s with problem+json %s %s', (type, status, code) => {
    synth.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: type,
      StatusCode: status,
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Content-Type': "'application/problem+json'" }),
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp(`"code":"${code}"`) },
    });
  });

  it('challenges a refused token with WWW-Authenticate: Bearer', () => {
    synth.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" }),
    });
  });
});

describe('push', () => {
  it('gives the API the VAPID public key of the push plugin\'s secret, resolved at deploy time', () => {
    const api = Object.values(functions()).find((f) => JSON.stringify(f.Properties.Environment).includes('USER_POOL_ID'));
    const vapid = JSON.stringify((api?.Properties.Environment as { Variables: Record<string, unknown> }).Variables.VAPID_PUBLIC_KEY);
    expect(vapid).toMatch(/resolve:secretsmanager/);
    expect(vapid).toMatch(/SecretString:publicKey/);
  });
});

describe('identity', () => {
  it('creates the user pool: email sign-in, verified email and phone, the password policy, optional TOTP, threat protection, retained', () => {
    synth.template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: Match.arrayWith(['email', 'phone_number']),
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        DeletionProtection: 'ACTIVE',
        UserPoolTier: 'PLUS',
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: IDENTITY.passwordPolicy.minLength, RequireUppercase: true, RequireNumbers: true }) },
        LambdaConfig: { PostAuthentication: Match.anyValue() },
      }),
    });
  });

  it('gives the API an app client for password and SRP sign-in with refresh tokens, and an operators group', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: IDENTITY.operatorsGroup });
  });

  it('lets the API read users, and the sign-in trigger write only customers\' profile partitions', () => {
    const api = actionsOf('HttpAccountApiRole');
    const poolId = Object.keys(resources(synth.template, 'AWS::Cognito::UserPool'))[0] ?? '';
    expect([...(api.get(poolId) ?? [])]).toEqual(['cognito-idp:AdminGetUser']);
    const trigger = allStatements().filter(({ policy }) => policy.startsWith('IdentityProfileSyncRole'));
    const put = trigger.find(({ statement }) => asList(statement.Action).includes('dynamodb:PutItem'));
    expect(put?.statement).toMatchObject({ Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CUSTOMER#*'] } } });
  });
});

describe('outputs', () => {
  it('exports the API URL, topic ARN, bus name and every channel queue URL', () => {
    const outputs = synth.template.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['ApiUrl', 'CallbacksUrl', 'UserPoolId', 'UserPoolClientId', 'Region', 'TopicArn', 'EventBusName', ...topology.channels.map((c) => `${c.name}QueueUrl`)]),
    );
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding on the stack', () => {
    const report = new AwsSolutionsChecks(synth.app).validateScope(synth.stack);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('would report an error for a queue without a DLQ (the check is live)', () => {
    const probe = new Stack();
    new Queue(probe, 'Naked', { enforceSSL: true });
    const report = new AwsSolutionsChecks(probe).validateScope(probe);
    expect(report.violations.map((v) => [v.severity, v.ruleName])).toContainEqual(['error', 'AwsSolutions-SQS3']);
  });

  it('gives every acknowledgment a written reason and applies each to something in the stack', () => {
    const nodes = synth.stack.node.findAll();
    for (const ack of NAG_ACKNOWLEDGMENTS) {
      expect(ack.reason.length).toBeGreaterThan(40);
      expect(`${ack.id} ${nodes.some((n) => ack.appliesTo(n))}`).toBe(`${ack.id} true`);
    }
  });
});

