import { existsSync } from 'node:fs';
import path from 'node:path';
import { MissingEntryError } from './errors';

/** The monorepo root: where functions are bundled from and the base of topology entry paths. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Maps a repo-relative entry path to the file bundled for it (tests swap in stubs). */
export type EntryResolver = (repoRelativePath: string) => string;

/** The real resolver: the file itself, which must exist so synth fails loudly rather than later. */
export const resolveRepoEntry: EntryResolver = (repoRelativePath) => {
  const absolute = path.resolve(REPO_ROOT, repoRelativePath);
  if (!existsSync(absolute)) throw new MissingEntryError(repoRelativePath, absolute);
  return absolute;
};
