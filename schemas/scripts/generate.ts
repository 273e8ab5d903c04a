/**
 * `npm run generate -w @bank/schemas` rewrites src/generated/ (types and compiled validators) from
 * the schema files; with `--check` it only compares and exits 1 when the checked-in files are
 * stale (used by the test).
 */
import { runGenerator } from '../src/codegen/generated-dir';
import { GENERATED_DIR, renderTypeFiles } from './render-types';
import { renderValidatorFiles } from './render-validators';

renderTypeFiles()
  .then((types) => runGenerator(GENERATED_DIR, new Map([...types, ...renderValidatorFiles()]), process.argv, 'run npm run generate -w @bank/schemas'))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
