import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildTopology } from '@bank/topology';
import { createBankApp, STACK_NAME } from '../../src/app';

/**
 * The real app, exactly as `npm run synth` builds it: real handler entries bundled with the local
 * esbuild (no Docker, no AWS account) and cdk-nag running as a validation plugin, so any
 * unacknowledged finding fails synthesis here too.
 */
let outdir: string;
let assembly: CloudAssembly;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'bank-app-'));
  assembly = createBankApp({ outdir }).app.synth();
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

type FunctionResource = { Type: string; Properties: { Description?: string; Code?: { S3Key?: string } } };

/** The bundled index.js of the function whose description starts with `prefix`. */
function bundleOf(prefix: string): string {
  const template = assembly.getStackByName(STACK_NAME).template as { Resources: Record<string, FunctionResource> };
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description?.startsWith(prefix));
  // The asset is staged as asset.<hash>, uploaded as <hash>.zip.
  const assetDir = path.join(outdir, `asset.${fn?.Properties.Code?.S3Key?.replace(/\.zip$/, '') ?? 'missing'}`);
  return readFileSync(path.join(assetDir, 'index.js'), 'utf8');
}

/** Strings only present when a given SDK v3 client is bundled. */
const CLIENT_MARKERS = { dynamodb: 'DynamoDB_20120810', eventbridge: 'AWSEvents', sqs: 'AmazonSQS' } as const;

describe('the CDK app', () => {
  it('synthesizes offline with cdk-nag passing', () => {
    expect(assembly.getStackByName(STACK_NAME).templateFile).toBe(`${STACK_NAME}.template.json`);
    expect(existsSync(path.join(outdir, `${STACK_NAME}.template.json`))).toBe(true);
  });

  it('bundles minified CommonJS with a source map', () => {
    const code = bundleOf('Account service');
    expect(code).toContain('sourceMappingURL=index.js.map');
    // Minified: whole modules per line (a readable bundle averages well under 100 characters a line).
    expect(code.length / code.split('\n').length).toBeGreaterThan(2000);
    expect(code).toMatch(/^"use strict";/);
  });

  it('ships the account API with the DynamoDB client only', () => {
    const code = bundleOf('Account service');
    expect(code).toContain(CLIENT_MARKERS.dynamodb);
    expect(code).not.toContain(CLIENT_MARKERS.eventbridge);
    expect(code).not.toContain(CLIENT_MARKERS.sqs);
  });

  it('ships the relay with EventBridge but without the DynamoDB or SQS clients', () => {
    const code = bundleOf('Outbox relay');
    expect(code).toContain(CLIENT_MARKERS.eventbridge);
    expect(code).not.toContain(CLIENT_MARKERS.dynamodb);
    expect(code).not.toContain(CLIENT_MARKERS.sqs);
  });

  it('ships every notifier without the EventBridge client', () => {
    for (const notifier of buildTopology().notifiers) {
      const code = bundleOf(`Notifier ${notifier.name}`);
      expect(code).toContain(CLIENT_MARKERS.sqs);
      expect(code).not.toContain(CLIENT_MARKERS.eventbridge);
    }
  });
});

describe('the risk bundles', () => {
  it('ships the hold-expiry sweep of the account service, with DynamoDB', () => {
    expect(bundleOf('Hold expiry')).toContain(CLIENT_MARKERS.dynamodb);
  });

  it('ships the risk detector with DynamoDB and SQS, and the account service core it freezes accounts with', () => {
    const code = bundleOf('Risk detection');
    expect(code).toContain(CLIENT_MARKERS.dynamodb);
    expect(code).toContain(CLIENT_MARKERS.sqs);
    expect(code).toContain('AccountNotFoundError');
  });
});
