#!/usr/bin/env node
// CDK entry point: `npm run synth` (writes cdk.out offline) and `npx cdk deploy` (via cdk.json).
import path from 'node:path';
import { createBankApp } from '../src/app';
import { InfraError } from '../src/errors';

try {
  // The CLI passes CDK_OUTDIR; run directly (npm run synth) the assembly goes to infra/cdk.out.
  createBankApp({ outdir: process.env.CDK_OUTDIR ?? path.join(__dirname, '..', 'cdk.out') }).app.synth();
} catch (error) {
  if (!(error instanceof InfraError)) throw error;
  // A known configuration problem: one clear line instead of a stack trace.
  process.stderr.write(`synth failed: ${error.message}\n`);
  process.exitCode = 1;
}
