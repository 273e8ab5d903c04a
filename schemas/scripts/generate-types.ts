/**
 * `npm run generate -w @bank/schemas` rewrites src/generated/ from the schema files;
 * with `--check` it only compares and exits 1 when the checked-in files are stale (used by the test).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR, renderTypeFiles } from './render-types';

export const STALE_HINT = 'run npm run generate -w @bank/schemas';

const checkedInFiles = (): string[] => readdirSync(GENERATED_DIR).filter((name) => name.endsWith('.generated.ts'));

/** Names of generated files that differ from, are missing from, or are not produced by the schemas. */
function staleFiles(expected: Map<string, string>): string[] {
  const present = checkedInFiles();
  const differing = [...expected]
    .filter(([name, content]) => !present.includes(name) || readFileSync(join(GENERATED_DIR, name), 'utf8') !== content)
    .map(([name]) => name);
  return [...differing, ...present.filter((name) => !expected.has(name))];
}

async function main(check: boolean): Promise<void> {
  const files = await renderTypeFiles();
  mkdirSync(GENERATED_DIR, { recursive: true });
  if (check) {
    const stale = staleFiles(files);
    if (stale.length === 0) return;
    console.error(`src/generated is stale (${stale.join(', ')}): ${STALE_HINT}`);
    process.exitCode = 1;
    return;
  }
  for (const name of checkedInFiles().filter((name) => !files.has(name))) rmSync(join(GENERATED_DIR, name));
  for (const [name, content] of files) writeFileSync(join(GENERATED_DIR, name), content);
  console.log(`wrote ${files.size} files to src/generated/`);
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
