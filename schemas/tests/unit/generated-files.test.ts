/**
 * The checked-in types and compiled validators must match the schemas. The check runs in a child process because the
 * generator's formatter (prettier) loads ES modules, which Jest's CommonJS runtime cannot.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const PACKAGE_DIR = join(__dirname, '..', '..');

function runGenerator(): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/generate.ts', '--check'], { cwd: PACKAGE_DIR, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('generated files', () => {
  it('types and validators match the schemas (src/generated is fresh)', () => {
    const { status, stderr } = runGenerator();
    if (status !== 0) throw new Error(stderr.trim() || 'generator failed: run npm run generate -w @bank/schemas');
    expect(status).toBe(0);
  });
});
