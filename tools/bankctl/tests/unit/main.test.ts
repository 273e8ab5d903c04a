import { run } from '../../src/main';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  // No local stack and no endpoint: anything that reaches AWS would fail with exit code 1, not 2.
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { BANK_STACK_FILE: '/nonexistent/stack-outputs.json' },
  });
  return { code, stdout, stderr };
}

describe('run', () => {
  it('prints help with exit code 0', async () => {
    const result = await cli(['dlq', 'replay', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--dry-run');
  });

  it('lists the risk commands in their help', async () => {
    const result = await cli(['risk', '--help']);
    expect(result.code).toBe(0);
    for (const command of ['policy', 'holds', 'approve', 'decline', 'freeze', 'unfreeze', 'cases']) expect(result.stdout).toContain(command);
  });

  it.each([
    [['dlq', 'list'], "required option '--channel <name>' not specified"],
    [['dlq', 'list', '--channel', 'fax'], 'unknown channel "fax"'],
    [['dlq', 'list', '--channel', 'email', '--older-than', '1w'], 'invalid duration "1w"'],
    [['dlq', 'replay', '--channel', 'email', '--max', '0'], '--max must be a positive integer'],
    [['dlq', 'replay', '--channel', 'email', '--rate', 'fast'], 'invalid rate "fast"'],
    [['dlq', 'purge', '--channel', 'email'], 'add --yes'],
    [['dlq', 'frobnicate'], "unknown command 'frobnicate'"],
    [['events', 'replay', '--from', '2025-01-02T00:00:00Z', '--to', '2025-01-01T00:00:00Z'], '--from must be before --to'],
    [['events', 'replay', '--from', '2025-01-01T00:00:00Z', '--to', '2025-01-02T00:00:00Z', '--type', 'MoneyDeposited'], 'cannot filter by event type'],
  ])('%p is a usage error (exit 2): %s', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('fails with exit code 1 and a hint when the local stack is not running', async () => {
    const result = await cli(['dlq', 'list', '--channel', 'email']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('local stack not found: /nonexistent/stack-outputs.json is missing or invalid (start it with npm start');
  });
});
