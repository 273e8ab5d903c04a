/**
 * Renders the TypeScript types of every schema file in memory. `generate.ts` writes them
 * to src/generated/; the freshness test compares them with the checked-in files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

export const PACKAGE_DIR = join(__dirname, '..');
export const GENERATED_DIR = join(PACKAGE_DIR, 'src', 'generated');

export interface SchemaFile {
  /** Path relative to the package, e.g. `events/MoneyDeposited/v1.json`. */
  readonly source: string;
  /** Generated file name, e.g. `MoneyDeposited.v1.generated.ts`. */
  readonly target: string;
}

const VERSION_FILE = /^v(\d+)\.json$/;

/** Every schema that gets types: `api/<Name>.json` and `events/<Type>/v<N>.json`. */
export function listSchemaFiles(): SchemaFile[] {
  const api = readdirSync(join(PACKAGE_DIR, 'api'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ source: `api/${file}`, target: `${file.replace(/\.json$/, '')}.generated.ts` }));
  const events = readdirSync(join(PACKAGE_DIR, 'events'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(PACKAGE_DIR, 'events', dir.name))
        .filter((file) => VERSION_FILE.test(file))
        .map((file) => {
          const folder = dir.name === 'envelope' ? 'EventEnvelope' : dir.name;
          return { source: `events/${dir.name}/${file}`, target: `${folder}.${file.replace(/\.json$/, '')}.generated.ts` };
        }),
    );
  return [...api, ...events].sort((a, b) => a.target.localeCompare(b.target));
}

const banner = (source: string): string =>
  [
    '/* eslint-disable */',
    '/**',
    ` * Generated from ${source} by scripts/generate.ts. Do not edit by hand:`,
    ' * change the schema and run `npm run generate -w @bank/schemas`.',
    ' */',
  ].join('\n');

/** Renders every schema file; keys are generated file names. */
export async function renderTypeFiles(): Promise<Map<string, string>> {
  const rendered = new Map<string, string>();
  for (const file of listSchemaFiles()) {
    const schema = JSON.parse(readFileSync(join(PACKAGE_DIR, file.source), 'utf8')) as JSONSchema;
    const ts = await compile(schema, schema.title ?? file.target, {
      bannerComment: banner(file.source),
      // Data objects stay open at runtime (forward compatibility) without an index signature in TS.
      additionalProperties: false,
      cwd: PACKAGE_DIR,
      format: true,
      style: { singleQuote: true, printWidth: 120 },
    });
    rendered.set(file.target, ts);
  }
  return rendered;
}
