import path from 'node:path';
import { MissingEntryError } from '../../src/errors';
import { REPO_ROOT, resolveRepoEntry } from '../../src/repo-paths';

describe('resolveRepoEntry', () => {
  it('resolves an existing file against the repository root', () => {
    expect(resolveRepoEntry('infra/tests/fixtures/stub-handler.ts')).toBe(path.join(REPO_ROOT, 'infra/tests/fixtures/stub-handler.ts'));
  });

  it('fails with the missing path in the message', () => {
    expect(() => resolveRepoEntry('services/nowhere/src/handler.ts')).toThrow(MissingEntryError);
    expect(() => resolveRepoEntry('services/nowhere/src/handler.ts')).toThrow(/services\/nowhere\/src\/handler.ts not found/);
  });
});
