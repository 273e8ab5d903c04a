/**
 * Sets up the AWS emulator's Python environment (npm install's postinstall, `npm run
 * setup:emulator`, .ci/run). Prints one line. `--optional` (postinstall) reports a failure
 * without failing the install: `npm start` and the tests repeat the setup and stop there.
 */
import { emulatorPython, PINNED_MOTO } from './emulator-python';

const optional = process.argv.includes('--optional');

emulatorPython().then(
  (python) => process.stdout.write(`AWS emulator ready: moto ${PINNED_MOTO.version} (${python})\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = optional ? 0 : 1;
  },
);
