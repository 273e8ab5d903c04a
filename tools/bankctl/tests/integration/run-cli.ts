import { awsTestConfig } from '@bank/testing';
import { run } from '../../src/main';

// The SDK's node-version notice is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs bankctl in-process against the test's emulator and its own resource names. */
export async function runCli(args: readonly string[], suffix: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run([...args, '--endpoint', awsTestConfig().endpoint], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { BANK_RESOURCE_SUFFIX: suffix },
  });
  return { code, stdout, stderr };
}
