/** The checked-in compiled validators must match policy-schema.ts (run in a child process, like the generator). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('generated validators', () => {
  it('match the policy schemas (src/generated is fresh)', () => {
    const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/generate-validators.ts', '--check'], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr.trim() || 'generator failed: run npm run generate -w @bank/risk-policy');
    expect(result.status).toBe(0);
  });
});
