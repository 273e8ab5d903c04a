/**
 * `npm run create-plugin -- --name push-fcm --channel push [--dir plugins]`
 * Scaffolds a channel plugin package; see plugins/README.md for the next steps.
 */
import { parseArgs } from 'node:util';
import { writeScaffold } from './write-scaffold';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, channel: { type: 'string' }, dir: { type: 'string', default: 'plugins' } },
  });
  if (!values.name || !values.channel) {
    console.error('usage: npm run create-plugin -- --name <plugin-name> --channel <channel> [--dir plugins]');
    process.exitCode = 2;
    return;
  }
  const { dir, files } = await writeScaffold({ name: values.name, channel: values.channel, parentDir: values.dir ?? 'plugins' });
  console.log(`created ${dir}`);
  for (const file of files) console.log(`  ${file}`);
  console.log(`next: run npm install (links the workspace), add it to the notifier manifest of channel "${values.channel}", and cd into it and run npx jest`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
