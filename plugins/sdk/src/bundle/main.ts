/**
 * `bank-plugins sync [serviceDir…]`: regenerates each notifier's `src/plugins.generated.ts` from its
 * `manifest.json` and adds the plugin packages to its dependencies. `bank-plugins check` only reports.
 */
import path from 'node:path';
import { bundleProblems, readNotifierBundle, syncNotifierBundle } from './notifier-bundle';

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const [command, ...dirs] = argv;
  const targets = (dirs.length > 0 ? dirs : ['.']).map((dir) => path.resolve(dir));
  if (command === 'sync') {
    for (const dir of targets) {
      const changed = syncNotifierBundle(dir);
      console.log(`${path.basename(dir)}: ${changed.length > 0 ? `updated ${changed.join(', ')}` : 'up to date'}`);
      if (changed.includes('package.json')) console.log('  run npm install to link the new dependency');
    }
    return;
  }
  if (command === 'check') {
    const problems = targets.flatMap((dir) => bundleProblems(readNotifierBundle(dir)).map((problem) => `${path.basename(dir)}: ${problem}`));
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) process.exitCode = 1;
    return;
  }
  console.error('usage: bank-plugins sync|check [notifier service dir…]');
  process.exitCode = 2;
}
