import { Aspects, App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LogGroupPolicy, MIN_LOG_RETENTION_DAYS } from '../../src/log-groups';

function synthWith(groups: (stack: Stack) => void): Template {
  const stack = new Stack(new App(), 'Probe');
  const key = new Key(stack, 'Key');
  groups(stack);
  Aspects.of(stack).add(new LogGroupPolicy(key));
  return Template.fromStack(stack);
}

describe('LogGroupPolicy', () => {
  it('raises a short retention to a year, encrypts and retains the group', () => {
    const template = synthWith((stack) => new LogGroup(stack, 'Short', { retention: RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY }));
    const group = Object.values(template.findResources('AWS::Logs::LogGroup'))[0] as { Properties: Record<string, unknown>; DeletionPolicy: string };
    expect(group.Properties.RetentionInDays).toBe(MIN_LOG_RETENTION_DAYS);
    expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] });
    expect(group.DeletionPolicy).toBe('Retain');
  });

  it('keeps a longer retention and a never-expiring group as they are', () => {
    const template = synthWith((stack) => {
      new LogGroup(stack, 'Long', { retention: RetentionDays.TEN_YEARS });
      new LogGroup(stack, 'Forever', { retention: RetentionDays.INFINITE });
    });
    const retentions = Object.values(template.findResources('AWS::Logs::LogGroup')).map((g) => (g as { Properties: { RetentionInDays?: number } }).Properties.RetentionInDays);
    expect(retentions.sort()).toEqual([3653, undefined]);
  });
});
