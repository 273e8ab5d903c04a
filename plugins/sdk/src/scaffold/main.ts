/**
 * `npm run create-plugin -- --name push-fcm --channel push [--dir plugins]`
 * Scaffolds a channel plugin package; see plugins/README.md for the next steps.
 */
import path from 'node:path';
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
  const pkg = `@bank/plugin-${values.name}`;
  console.log(`
next steps:
  1. npm install                         links the new workspace
  2. cd ${path.relative(process.cwd(), dir)} && npx jest
                                        the conformance kit against a fake provider
  3. implement send() in src/index.ts for your provider (and PROVIDER_URL);
     keep its secrets and local declarations in step with its config
  4. add {"plugin": "${pkg}", "config": {...}} (see its README.md) to services/<notifier>/manifest.json,
     <notifier> being the one packages/topology/src/channels/${values.channel}.ts names
  5. npm run build -w @bank/<notifier> && npm install
                                        regenerates the bundled plugin map, adds and links the dependency
  6. npm start: the provider sends to the sandbox; GET <SandboxUrl>/api/messages?channel=${values.channel}
A new channel also needs its declaration in packages/topology/src/channels/ and a notifier service (plugins/README.md).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
