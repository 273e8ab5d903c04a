import { Duration } from 'aws-cdk-lib';
import { buildTopology, type ChannelDef, type Topology } from '@bank/topology';
import { TopologyConstraintError } from '../../src/errors';
import { visibilityTimeoutFor } from '../../src/notification-channels';
import { refId, resources, synthStubStack, type SynthesizedStack } from '../fixtures/stub-stack';

const base = buildTopology({ maxReceiveCount: 7 });
const firstChannel = (topology: Topology): ChannelDef => {
  const [channel] = topology.channels;
  if (!channel) throw new Error('topology without channels');
  return channel;
};
const pager: ChannelDef = {
  ...firstChannel(base),
  name: 'pager',
  queueName: 'notify-pager',
  dlqName: 'notify-pager-dlq',
  notifier: 'notify-pager',
  eventTypes: ['MoneyDeposited'],
  maxConcurrency: 3,
  visibilityTimeoutSeconds: 30,
};
/** The topology plus one channel and its notifier (a fixture service whose manifest names no plugin). */
const withPager: Topology = {
  ...base,
  channels: [...base.channels, pager],
  notifiers: [...base.notifiers, { name: 'notify-pager', dir: 'infra/tests/fixtures/notify-pager', entry: 'unused (stubbed)', timeoutSeconds: 60 }],
};

describe('visibilityTimeoutFor', () => {
  it('keeps the topology value when it is already 6x the function timeout', () => {
    expect(visibilityTimeoutFor({ ...pager, visibilityTimeoutSeconds: 400 }, { name: 'n', dir: 'd', entry: 'e', timeoutSeconds: 60 }).toSeconds()).toBe(400);
  });

  it('raises a shorter value to 6x the function timeout', () => {
    expect(visibilityTimeoutFor(pager, { name: 'n', dir: 'd', entry: 'e', timeoutSeconds: 60 })).toEqual(Duration.seconds(360));
  });
});

describe('a channel added to the topology', () => {
  let synth: SynthesizedStack;
  beforeAll(() => {
    synth = synthStubStack({ topology: withPager });
  });
  afterAll(() => synth.cleanup());

  const queueId = (name: string) => Object.entries(resources(synth.template, 'AWS::SQS::Queue')).find(([, q]) => q.Properties.QueueName === name)?.[0];

  it('gets a queue whose DLQ uses the topology retry budget and whose visibility covers 6x its notifier timeout', () => {
    synth.template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'notify-pager',
      VisibilityTimeout: 360,
      RedrivePolicy: { maxReceiveCount: 7, deadLetterTargetArn: { 'Fn::GetAtt': [queueId('notify-pager-dlq'), 'Arn'] } },
    });
  });

  it('gets a raw SNS subscription filtered to its event types', () => {
    synth.template.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: { 'Fn::GetAtt': [queueId('notify-pager'), 'Arn'] },
      RawMessageDelivery: true,
      FilterPolicy: { type: ['MoneyDeposited'] },
    });
  });

  it('gets its own notifier function consuming the queue with its concurrency cap', () => {
    const mapping = Object.values(resources(synth.template, 'AWS::Lambda::EventSourceMapping')).find(
      (m) => refId(m.Properties.EventSourceArn) === queueId('notify-pager'),
    );
    expect(mapping?.Properties).toMatchObject({ ScalingConfig: { MaximumConcurrency: 3 }, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    const fn = resources(synth.template, 'AWS::Lambda::Function')[refId(mapping?.Properties.FunctionName) ?? ''];
    expect(fn?.Properties).toMatchObject({ Description: 'Notifier notify-pager: pager', Timeout: 60, Runtime: 'nodejs22.x' });
    expect(Object.keys((fn?.Properties.Environment as { Variables: object }).Variables).filter((name) => name.endsWith('_SECRET_ARN'))).toEqual([]);
  });

  it('gets an alarm on its DLQ', () => {
    const alarms = Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm'));
    expect(alarms.some((a) => (a.Properties.Dimensions as Array<{ Value: unknown }>).some((d) => refId(d.Value) === queueId('notify-pager-dlq')))).toBe(true);
  });
});

describe('topology constraints', () => {
  it('rejects a channel concurrency an SQS event source cannot have', () => {
    const topology: Topology = { ...base, channels: base.channels.map((c) => ({ ...c, maxConcurrency: 1 })) };
    expect(() => synthStubStack({ topology })).toThrow(TopologyConstraintError);
  });

  it('rejects channels of one notifier that disagree on maxReceiveCount', () => {
    const channels = base.channels.map((c) => (c.name === 'whatsapp' ? { ...c, retry: { ...c.retry, maxReceiveCount: 2 } } : c));
    expect(() => synthStubStack({ topology: { ...base, channels } })).toThrow(/notify-sms disagree on maxReceiveCount/);
  });

  it('rejects a channel naming a notifier the topology does not define', () => {
    const topology: Topology = { ...base, channels: [...base.channels, { ...pager, notifier: 'notify-nobody' }] };
    expect(() => synthStubStack({ topology })).toThrow(/notify-nobody/);
  });
});
