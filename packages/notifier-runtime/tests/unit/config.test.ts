import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { notifierConfigFromEnv, readManifestSource } from '../../src/config';
import { NotifierConfigError } from '../../src/errors';

describe('notifierConfigFromEnv', () => {
  it('defaults the table names', () => {
    expect(notifierConfigFromEnv({})).toEqual({ accountsTable: 'CheckingAccountTransactions', deliveriesTable: 'NotificationDeliveries', bundledPluginsOnly: false, providerSandbox: false });
  });

  it('reads tables, MAX_RECEIVE_COUNT and NOTIFIER_MANIFEST', () => {
    expect(notifierConfigFromEnv({ ACCOUNTS_TABLE: 'a', DELIVERIES_TABLE: 'd', MAX_RECEIVE_COUNT: '3', NOTIFIER_MANIFEST: ' {"channels":{}} ' })).toEqual({
      accountsTable: 'a',
      deliveriesTable: 'd',
      maxReceiveCount: 3,
      manifestOverride: '{"channels":{}}',
      bundledPluginsOnly: false,
      providerSandbox: false,
    });
  });

  it('loads bundled plugins only inside Lambda', () => {
    expect(notifierConfigFromEnv({ AWS_LAMBDA_FUNCTION_NAME: 'notify-email' }).bundledPluginsOnly).toBe(true);
  });

  it('rejects a MAX_RECEIVE_COUNT that is not a positive integer', () => {
    expect(() => notifierConfigFromEnv({ MAX_RECEIVE_COUNT: 'zero' })).toThrow(NotifierConfigError);
  });
});

describe('readManifestSource', () => {
  it('returns JSON text as is', () => {
    expect(readManifestSource('{"channels":{}}')).toBe('{"channels":{}}');
  });

  it('reads a file path relative to the base directory', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
    writeFileSync(path.join(dir, 'm.json'), '{"channels":{"sms":[]}}');
    expect(readManifestSource('m.json', dir)).toBe('{"channels":{"sms":[]}}');
  });

  it('names the file it cannot read', () => {
    expect(() => readManifestSource('/nonexistent/manifest.json')).toThrow('/nonexistent/manifest.json');
  });
});

describe('the provider sandbox switch', () => {
  it('is on only where the local stack says so, and never in Lambda', () => {
    expect(notifierConfigFromEnv({}).providerSandbox).toBe(false);
    expect(notifierConfigFromEnv({ BANK_PROVIDER_SANDBOX: 'true' }).providerSandbox).toBe(true);
    expect(notifierConfigFromEnv({ BANK_PROVIDER_SANDBOX: 'true', AWS_LAMBDA_FUNCTION_NAME: 'notify-email' }).providerSandbox).toBe(false);
  });
});
