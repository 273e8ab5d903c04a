/**
 * A directory of checked-in generated files (`*.generated.ts|js|d.ts`): written by a package's
 * `npm run generate`, compared by its freshness test (`--check`). Build time only.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GENERATED_FILE = /\.generated\.(ts|js|d\.ts)$/;

const checkedInFiles = (dir: string): string[] => readdirSync(dir).filter((name) => GENERATED_FILE.test(name));

/** Names of generated files that differ from, are missing from, or are no longer produced by `expected`. */
export function staleGeneratedFiles(dir: string, expected: ReadonlyMap<string, string>): string[] {
  const present = checkedInFiles(dir);
  const differing = [...expected]
    .filter(([name, content]) => !present.includes(name) || readFileSync(join(dir, name), 'utf8') !== content)
    .map(([name]) => name);
  return [...differing, ...present.filter((name) => !expected.has(name))];
}

/**
 * The `main` of a generate script: with `--check` in `argv`, exits 1 naming the stale files;
 * otherwise writes `files` to `dir` and removes generated files it no longer produces.
 *
 * @example
 * runGenerator(join(__dirname, '../src/generated'), renderFiles(), process.argv, 'run npm run generate -w @bank/risk-policy');
 */
export function runGenerator(dir: string, files: ReadonlyMap<string, string>, argv: readonly string[], staleHint: string): void {
  mkdirSync(dir, { recursive: true });
  if (argv.includes('--check')) {
    const stale = staleGeneratedFiles(dir, files);
    if (stale.length === 0) return;
    console.error(`${dir} is stale (${stale.join(', ')}): ${staleHint}`);
    process.exitCode = 1;
    return;
  }
  for (const name of checkedInFiles(dir).filter((name) => !files.has(name))) rmSync(join(dir, name));
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  console.log(`wrote ${files.size} files to ${dir}`);
}
