import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createBankApp } from '../../src/app';
import { StackPropsError } from '../../src/errors';
import { parseTableCapacity, tableCapacityOf } from '../../src/table-capacity';
import { refId, resources, STUB_ENTRY, synthStubStack } from '../fixtures/stub-stack';

const units = (min: number, max: number) => ({ min, max });

describe('tableCapacityOf', () => {
  it('leaves every table on demand when nothing is given', () => {
    expect(tableCapacityOf(undefined)).toEqual({ accounts: undefined, deliveries: undefined, riskWindows: undefined });
  });

  it('fills the default 70 % target and keeps the tables not named on demand', () => {
    expect(tableCapacityOf({ accounts: { readUnits: units(5, 100), writeUnits: units(10, 400) } })).toEqual({
      accounts: { readUnits: units(5, 100), writeUnits: units(10, 400), targetUtilizationPercent: 70 },
      deliveries: undefined,
      riskWindows: undefined,
    });
  });

  it.each([
    ['an unknown table', { ledger: { readUnits: units(1, 2), writeUnits: units(1, 2) } }, /no such table: ledger/],
    ['no write range', { accounts: { readUnits: units(1, 2) } }, /accounts.writeUnits/],
    ['max below min', { accounts: { readUnits: units(5, 4), writeUnits: units(1, 2) } }, /accounts.readUnits/],
    ['zero units', { deliveries: { readUnits: units(0, 2), writeUnits: units(1, 2) } }, /deliveries.readUnits/],
    ['fractional units', { deliveries: { readUnits: units(1, 2.5), writeUnits: units(1, 2) } }, /deliveries.readUnits/],
    ['a target outside 20-90', { riskWindows: { readUnits: units(1, 2), writeUnits: units(1, 2), targetUtilizationPercent: 95 } }, /20-90/],
    ['not an object', [1], /must be an object/],
    ['a table that is not an object', { accounts: null }, /accounts must be an object/],
  ])('refuses %s', (_name, value, message) => {
    expect(() => tableCapacityOf(value)).toThrow(StackPropsError);
    expect(() => tableCapacityOf(value)).toThrow(message);
  });

  it('reads the context value as JSON, and says so when it is not', () => {
    expect(parseTableCapacity('{"accounts":{"readUnits":{"min":1,"max":2},"writeUnits":{"min":1,"max":2}}}')).toEqual({
      accounts: { readUnits: units(1, 2), writeUnits: units(1, 2) },
    });
    expect(() => parseTableCapacity('accounts=5')).toThrow(StackPropsError);
  });
});

describe('tables on provisioned capacity', () => {
  const tableId = (template: ReturnType<typeof synthStubStack>['template'], name: string) =>
    Object.entries(resources(template, 'AWS::DynamoDB::Table')).find(([, table]) => table.Properties.TableName === name)?.[0];

  it('provisions the named tables and their indexes at the minimum, scaling each on utilisation, and leaves the others on demand', () => {
    const synth = synthStubStack({
      tableCapacity: {
        accounts: { readUnits: units(5, 100), writeUnits: units(10, 400) },
        deliveries: { readUnits: units(2, 50), writeUnits: units(4, 200), targetUtilizationPercent: 60 },
      },
    });
    try {
      const tables = resources(synth.template, 'AWS::DynamoDB::Table');
      const byName = (name: string) => Object.values(tables).find((table) => table.Properties.TableName === name)?.Properties;
      expect(byName('CheckingAccountTransactions')).toMatchObject({ ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 10 } });
      expect(byName('CheckingAccountTransactions')?.BillingMode).not.toBe('PAY_PER_REQUEST');
      expect(byName('NotificationDeliveries')).toMatchObject({
        ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 4 },
        GlobalSecondaryIndexes: [expect.objectContaining({ IndexName: 'ByAccount', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 4 } })],
      });
      expect(byName('RiskWindows')).toMatchObject({ BillingMode: 'PAY_PER_REQUEST' });
      expect(byName('RiskWindows')).not.toHaveProperty('ProvisionedThroughput');

      // What scales: each provisioned table's reads and writes, and the deliveries index's.
      const targets = Object.values(resources(synth.template, 'AWS::ApplicationAutoScaling::ScalableTarget')).map((target) => target.Properties);
      const accountsId = tableId(synth.template, 'CheckingAccountTransactions');
      const deliveriesId = tableId(synth.template, 'NotificationDeliveries');
      const summary = targets.map((target) => {
        const parts = (target.ResourceId as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
        const table = parts.map(refId).find((id) => id !== undefined);
        const index = parts.some((part) => typeof part === 'string' && part.includes('/index/ByAccount'));
        return `${table === accountsId ? 'accounts' : table === deliveriesId ? 'deliveries' : table}${index ? '/ByAccount' : ''} ${String(target.ScalableDimension)} ${String(target.MinCapacity)}-${String(target.MaxCapacity)}`;
      });
      expect(summary.sort()).toEqual(
        [
          'accounts dynamodb:table:ReadCapacityUnits 5-100',
          'accounts dynamodb:table:WriteCapacityUnits 10-400',
          'deliveries dynamodb:table:ReadCapacityUnits 2-50',
          'deliveries dynamodb:table:WriteCapacityUnits 4-200',
          'deliveries/ByAccount dynamodb:index:ReadCapacityUnits 2-50',
          'deliveries/ByAccount dynamodb:index:WriteCapacityUnits 4-200',
        ].sort(),
      );
      const policies = Object.values(resources(synth.template, 'AWS::ApplicationAutoScaling::ScalingPolicy')).map(
        (policy) => (policy.Properties.TargetTrackingScalingPolicyConfiguration as { TargetValue: number }).TargetValue,
      );
      expect(policies.sort()).toEqual([60, 60, 60, 60, 70, 70]);
    } finally {
      synth.cleanup();
    }
  });

  it('keeps every table on demand, with nothing to scale, by default', () => {
    const synth = synthStubStack();
    try {
      for (const table of Object.values(resources(synth.template, 'AWS::DynamoDB::Table'))) expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(resources(synth.template, 'AWS::ApplicationAutoScaling::ScalableTarget')).toEqual({});
    } finally {
      synth.cleanup();
    }
  });

  it('is read from `-c tableCapacity=<json>`, and the stack still passes cdk-nag', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'bank-capacity-'));
    const previous = process.env.CDK_CONTEXT_JSON;
    // How the CDK CLI hands `-c` values to the app.
    process.env.CDK_CONTEXT_JSON = JSON.stringify({ tableCapacity: JSON.stringify({ riskWindows: { readUnits: units(1, 20), writeUnits: units(1, 40) } }) });
    try {
      const { app, stack } = createBankApp({ outdir, stack: { resolveEntry: () => STUB_ENTRY } });
      app.synth();
      const tables = Object.values(resources(Template.fromStack(stack), 'AWS::DynamoDB::Table')).map((table) => table.Properties);
      expect(tables.find((table) => table.TableName === 'RiskWindows')).toMatchObject({ ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } });
      expect(tables.find((table) => table.TableName === 'CheckingAccountTransactions')).toMatchObject({ BillingMode: 'PAY_PER_REQUEST' });
    } finally {
      if (previous === undefined) delete process.env.CDK_CONTEXT_JSON;
      else process.env.CDK_CONTEXT_JSON = previous;
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('refuses a setting it cannot deploy before synthesizing anything', () => {
    expect(() => synthStubStack({ tableCapacity: { accounts: { readUnits: units(1, 2), writeUnits: units(3, 2) } } })).toThrow(StackPropsError);
  });
});
