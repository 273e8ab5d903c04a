/**
 * `tsx infra/src/bundling/main.ts <entry> <outdir>`: the CDK asset bundler of one function
 * (bank-function.ts runs it from `tryBundle`, which must be synchronous while esbuild plugins are
 * not). Writes `<outdir>/index.js` and its source map.
 */
import path from 'node:path';
import { bundleFunction } from './function-bundle';

const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) {
  console.error('usage: main.ts <entry> <outdir>');
  process.exit(2);
}
bundleFunction({ entry, outfile: path.join(outdir, 'index.js'), sourcemap: true }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
