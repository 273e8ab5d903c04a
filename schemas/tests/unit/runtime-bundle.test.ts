/**
 * The validators are compiled at build time: what a function bundles from this package holds
 * Ajv's small runtime helpers and no compiler, and loading it compiles nothing.
 */
import { build } from 'esbuild';
import path from 'node:path';

const PACKAGE_DIR = path.join(__dirname, '..', '..');

async function bundledInputs(): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(PACKAGE_DIR, 'src', 'index.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the runtime entry', () => {
  it('bundles no Ajv compiler, only the helpers the compiled validators call', async () => {
    const ajvFiles = (await bundledInputs()).filter((file) => /node_modules\/ajv(-formats)?\//.test(file));
    expect(ajvFiles.length).toBeGreaterThan(0);
    expect(ajvFiles.filter((file) => !/\/ajv\/dist\/runtime\/|\/ajv-formats\/dist\/formats\.js$/.test(file))).toEqual([]);
  });
});
