import { Match } from 'aws-cdk-lib/assertions';
import { buildTopology } from '@bank/topology';
import { MissingEntryError } from '../../src/errors';
import { HOLD_EXPIRY_TABLE_ACTIONS } from '../../src/hold-expiry';
import { OUTBOX_RECORD_TYPES } from '@bank/account-service/outbox';
import { RISK_ACCOUNTS_ACTIONS, RISK_POLICY_MAX_AGE_SECONDS, RISK_WINDOW_ACTIONS } from '../../src/risk-detection';
import { asList, type PolicyStatement, refId, resources, STUB_ENTRY, synthStubStack, type SynthesizedStack } from '../fixtures/stub-stack';

const topology = buildTopology();
const detector = topology.riskDetector;
let synth: SynthesizedStack;

beforeAll(() => {
  synth = synthStubStack();
});
afterAll(() => synth.cleanup());

type Statement = PolicyStatement;
const idOf = (type: string, match: (p: Record<string, unknown>) => boolean): string =>
  Object.entries(resources(synth.template, type)).find(([, r]) => match(r.Properties))?.[0] ?? 'missing';
const queueId = (name: string) => idOf('AWS::SQS::Queue', (p) => p.QueueName === name);
const tableId = (name: string) => idOf('AWS::DynamoDB::Table', (p) => p.TableName === name);
const functionId = (descriptionPrefix: string) => idOf('AWS::Lambda::Function', (p) => String(p.Description).startsWith(descriptionPrefix));
const roleId = (prefix: string): string => Object.keys(resources(synth.template, 'AWS::IAM::Role')).find((id) => id.startsWith(prefix)) ?? 'missing';
const keyId = (prefix: string): string => Object.keys(resources(synth.template, 'AWS::KMS::Key')).find((id) => id.startsWith(`Keys${prefix}`)) ?? 'missing';
const fn = (id: string) => resources(synth.template, 'AWS::Lambda::Function')[id]?.Properties ?? {};
const envOf = (id: string) => (fn(id).Environment as { Variables: Record<string, unknown> }).Variables;
/** Statements of the inline policy of the role whose logical id starts with `rolePrefix`. */
function statementsOf(rolePrefix: string): Statement[] {
  return Object.entries(resources(synth.template, 'AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(rolePrefix))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
function actionsOn(rolePrefix: string, resourceId: string, withCondition = false): string[] {
  return statementsOf(rolePrefix)
    .filter((s) => asList(s.Resource).some((r) => refId(r) === resourceId) && (s.Condition !== undefined) === withCondition)
    .flatMap((s) => asList(s.Action))
    .sort();
}
const queuePolicyDeny = (queue: string): Statement | undefined =>
  Object.values(resources(synth.template, 'AWS::SQS::QueuePolicy'))
    .filter((p) => (p.Properties.Queues as unknown[]).some((q) => refId(q) === queueId(queue)))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .find((s) => s.Sid === 'OnlyListedSenders');
const keyUsers = (prefix: string): Array<string | undefined> =>
  ((resources(synth.template, 'AWS::KMS::Key')[keyId(prefix)]?.Properties.KeyPolicy as { Statement: Statement[] }).Statement ?? []).flatMap((s) =>
    asList(s.Principal?.AWS ?? []).map((p) => refId(p)),
  );

const RISK = 'Risk detection';
const RISK_ROLE = 'RiskDetectorRole';
const SWEEP = 'Hold expiry';
const SWEEP_ROLE = 'HoldExpirySweepRole';

describe('risk detection function', () => {
  it('consumes the risk queue with partial batch responses, the topology batch size and a concurrency cap', () => {
    const mapping = Object.values(resources(synth.template, 'AWS::Lambda::EventSourceMapping')).find((m) => refId(m.Properties.EventSourceArn) === queueId('risk-events'));
    expect(refId(mapping?.Properties.FunctionName)).toBe(functionId(RISK));
    expect(mapping?.Properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: detector.batchSize,
      ScalingConfig: { MaximumConcurrency: detector.maxConcurrency },
    });
  });

  it('keeps the risk queue visible at least 6x the function timeout and redrives it to its DLQ', () => {
    const queue = resources(synth.template, 'AWS::SQS::Queue')[queueId('risk-events')]?.Properties ?? {};
    expect(fn(functionId(RISK)).Timeout).toBe(detector.timeoutSeconds);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * detector.timeoutSeconds);
    expect(refId((queue.RedrivePolicy as { deadLetterTargetArn: unknown }).deadLetterTargetArn)).toBe(queueId('risk-events-dlq'));
  });

  it('gets both table names and a policy cache of at most 30 s', () => {
    expect(envOf(functionId(RISK))).toMatchObject({
      ACCOUNTS_TABLE: { Ref: tableId('CheckingAccountTransactions') },
      RISK_TABLE: { Ref: tableId('RiskWindows') },
      RISK_POLICY_MAX_AGE_SECONDS: String(RISK_POLICY_MAX_AGE_SECONDS),
    });
    expect(RISK_POLICY_MAX_AGE_SECONDS).toBeLessThanOrEqual(30);
  });

  it('may put and query its windows, and nothing else there', () => {
    expect(actionsOn(RISK_ROLE, tableId('RiskWindows'))).toEqual([...RISK_WINDOW_ACTIONS].sort());
  });

  it('may read, put and update items of the accounts table, query only case partitions, and never delete', () => {
    expect(actionsOn(RISK_ROLE, tableId('CheckingAccountTransactions'))).toEqual([...RISK_ACCOUNTS_ACTIONS].sort());
    const query = statementsOf(RISK_ROLE).filter((s) => asList(s.Action).includes('dynamodb:Query') && asList(s.Resource).some((r) => refId(r) === tableId('CheckingAccountTransactions')));
    expect(query).toHaveLength(1);
    expect(query[0]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RISK#CASES#*'] } });
    const all = statementsOf(RISK_ROLE).flatMap((s) => asList(s.Action));
    expect(all.filter((a) => /Delete|Scan|BatchWrite/.test(a) && a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('consumes only its own queue and may send only to its DLQ', () => {
    expect(actionsOn(RISK_ROLE, queueId('risk-events'))).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
    expect(actionsOn(RISK_ROLE, queueId('risk-events-dlq'))).toEqual(['sqs:GetQueueUrl', 'sqs:SendMessage']);
    for (const channel of topology.channels) expect(actionsOn(RISK_ROLE, queueId(channel.queueName))).toEqual([]);
  });

  it('uses the data key through DynamoDB and the queues key through SQS, nothing else', () => {
    expect(keyUsers('Data')).toContain(roleId(RISK_ROLE));
    expect(keyUsers('Queues')).toContain(roleId(RISK_ROLE));
    expect(keyUsers('Topics')).not.toContain(roleId(RISK_ROLE));
    expect(keyUsers('Secrets')).not.toContain(roleId(RISK_ROLE));
  });

  it('alarms on its errors and throttles', () => {
    const alarms = Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm'));
    for (const metric of ['Errors', 'Throttles']) {
      expect(alarms.some((a) => a.Properties.MetricName === metric && (a.Properties.Dimensions as Array<{ Value: unknown }>).some((d) => refId(d.Value) === functionId(RISK)))).toBe(true);
    }
  });
});

describe('risk queues', () => {
  const ruleId = () => idOf('AWS::Events::Rule', (p) => p.Name === 'risk-detection');

  it('accept messages only from the risk rule and the operator role', () => {
    const deny = queuePolicyDeny('risk-events');
    expect(deny).toMatchObject({ Effect: 'Deny', Action: 'sqs:SendMessage', Principal: { AWS: '*' } });
    expect(asList(deny?.Condition?.ArnNotEquals?.['aws:SourceArn']).map(refId)).toEqual([ruleId()]);
    expect(asList(deny?.Condition?.ArnNotEquals?.['aws:PrincipalArn']).map(refId)).toEqual([roleId('AccessOperatorRole')]);
  });

  it('let into the DLQ only the rule (undeliverable events), the detector (invalid messages) and the operator role', () => {
    const deny = queuePolicyDeny('risk-events-dlq');
    expect(asList(deny?.Condition?.ArnNotEquals?.['aws:SourceArn']).map(refId)).toEqual([ruleId()]);
    expect(asList(deny?.Condition?.ArnNotEquals?.['aws:PrincipalArn']).map(refId).sort()).toEqual([roleId(RISK_ROLE), roleId('AccessOperatorRole')].sort());
  });

  it('let the operator role inspect and replay the risk DLQ', () => {
    const actions = (queue: string) => actionsOn('AccessOperatorRole', queueId(queue));
    expect(actions('risk-events-dlq')).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:StartMessageMoveTask']));
    expect(actions('risk-events')).toEqual(expect.arrayContaining(['sqs:SendMessage']));
  });

  it('alarm on the first message in the risk DLQ', () => {
    const alarm = Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' && (a.Properties.Dimensions as Array<{ Value: unknown }>).some((d) => refId(d.Value) === queueId('risk-events-dlq')),
    );
    expect(alarm?.Properties.Threshold).toBe(1);
  });
});

describe('RiskWindows table', () => {
  it('is on demand with TTL, PITR, deletion protection, the data key, and kept when the stack goes', () => {
    const [, table] = Object.entries(resources(synth.template, 'AWS::DynamoDB::Table')).find(([id]) => id === tableId('RiskWindows')) ?? [];
    expect(table?.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'AccountID', KeyType: 'HASH' },
        { AttributeName: 'EntryID', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId('Data'), 'Arn'] } },
    });
    expect(table?.Properties.StreamSpecification).toBeUndefined();
    expect((table as { DeletionPolicy?: string } | undefined)?.DeletionPolicy).toBe('Retain');
  });
});

describe('hold expiry', () => {
  it('runs the sweep every minute, without retries (the next run is the retry)', () => {
    synth.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId(SWEEP), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 } })],
    });
    expect(fn(functionId(SWEEP)).Timeout).toBeLessThanOrEqual(60);
  });

  it('gets the accounts table and the item actions of the hold routes, deletes only of hold listing entries, no Scan', () => {
    expect(envOf(functionId(SWEEP))).toMatchObject({ ACCOUNTS_TABLE: { Ref: tableId('CheckingAccountTransactions') } });
    expect(actionsOn(SWEEP_ROLE, tableId('CheckingAccountTransactions'))).toEqual([...HOLD_EXPIRY_TABLE_ACTIONS].sort());
    const deletes = statementsOf(SWEEP_ROLE).filter((s) => asList(s.Action).includes('dynamodb:DeleteItem'));
    expect(deletes.map((s) => [asList(s.Action), s.Condition])).toEqual([[['dynamodb:DeleteItem'], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['HOLDS#*'] } }]]);
    expect(keyUsers('Data')).toContain(roleId(SWEEP_ROLE));
    expect(keyUsers('Queues')).not.toContain(roleId(SWEEP_ROLE));
  });

  it('alarms on its errors', () => {
    const alarms = Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm'));
    expect(alarms.some((a) => a.Properties.MetricName === 'Errors' && (a.Properties.Dimensions as Array<{ Value: unknown }>).some((d) => refId(d.Value) === functionId(SWEEP)))).toBe(true);
  });

  it('refuses to synthesize without its handler file: the schedule is never silently left out', () => {
    expect(() =>
      synthStubStack({
        resolveEntry: (entry) => {
          if (entry === topology.holdExpiry.entry) throw new MissingEntryError(entry, `/nowhere/${entry}`);
          return STUB_ENTRY;
        },
      }),
    ).toThrow(MissingEntryError);
  });
});

describe('outbox relay', () => {
  it('passes every record type the account service turns into an event through the stream filter, risk cases among them', () => {
    const stream = Object.values(resources(synth.template, 'AWS::Lambda::EventSourceMapping')).find((m) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'));
    const pattern = JSON.parse(((stream?.Properties.FilterCriteria as { Filters: Array<{ Pattern: string }> }).Filters[0]?.Pattern) ?? '{}') as {
      eventName: string[];
      dynamodb: { NewImage: { recordType: { S: string[] } } };
    };
    expect(pattern.eventName).toEqual(['INSERT']);
    expect(pattern.dynamodb.NewImage.recordType.S.sort()).toEqual([...OUTBOX_RECORD_TYPES].sort());
    expect(OUTBOX_RECORD_TYPES).toEqual(expect.arrayContaining(['ACCOUNT', 'TRANSACTION', 'HOLD', 'HOLD_DECISION', 'ACCOUNT_STATUS', 'RISK_POLICY_VERSION', 'RISK_CASE']));
  });
});
