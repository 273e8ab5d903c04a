import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundledPlugins, bundleProblems, readNotifierBundle, syncNotifierBundle, PLUGIN_MAP_FILE } from '../../../src/bundle/index';
import { PluginConfigError } from '../../../src/index';

const PLUGIN_SOURCE = `module.exports = {
  id: 'pager', channel: 'pager', version: '1.0.0', configSchema: { type: 'object' },
  secrets: [{ name: 'pager-co', keys: ['token'] }],
  local: { env: { PAGER_URL: '{sandboxUrl}/pager' } },
  create: () => ({ send: async () => ({ providerMessageId: 'p-1' }) }),
};
`;

// Inside the package, so that the generated map resolves the fixture plugin like a workspace would.
let serviceDir: string;
beforeEach(async () => {
  serviceDir = await mkdtemp(path.join(__dirname, '.notify-pager-'));
  await mkdir(path.join(serviceDir, 'src'));
  await mkdir(path.join(serviceDir, 'node_modules', 'pager-plugin'), { recursive: true });
  await writeFile(path.join(serviceDir, 'node_modules', 'pager-plugin', 'index.js'), PLUGIN_SOURCE);
  await writeFile(path.join(serviceDir, 'node_modules', 'pager-plugin', 'package.json'), JSON.stringify({ name: 'pager-plugin', version: '1.4.2' }));
  await writeFile(path.join(serviceDir, 'manifest.json'), JSON.stringify({ channels: { pager: [{ plugin: 'pager-plugin', config: { url: '${PAGER_URL}' } }] } }));
  await writeFile(path.join(serviceDir, 'package.json'), JSON.stringify({ name: '@bank/notify-pager', dependencies: { '@bank/notifier-runtime': '*' } }));
});
afterEach(async () => {
  await rm(serviceDir, { recursive: true, force: true });
});

describe('a notifier bundle kept in step with its manifest', () => {
  it('is reported stale until synced, then fresh', () => {
    expect(bundleProblems(readNotifierBundle(serviceDir))).toEqual([`${PLUGIN_MAP_FILE} does not match manifest.json`, 'package.json does not depend on pager-plugin']);

    expect(syncNotifierBundle(serviceDir)).toEqual([PLUGIN_MAP_FILE, 'package.json']);

    expect(bundleProblems(readNotifierBundle(serviceDir))).toEqual([]);
    expect(syncNotifierBundle(serviceDir)).toEqual([]);
  });

  it('adds the plugin package to the dependencies at its installed version', async () => {
    syncNotifierBundle(serviceDir);

    const pkg = JSON.parse(await readFile(path.join(serviceDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toEqual({ '@bank/notifier-runtime': '*', 'pager-plugin': '^1.4.2' });
  });

  it('gives hosts the bundled plugins with their declarations', () => {
    syncNotifierBundle(serviceDir);

    const [plugin] = bundledPlugins(serviceDir);

    expect(plugin).toMatchObject({ id: 'pager', channel: 'pager', secrets: [{ name: 'pager-co', keys: ['token'] }], local: { env: { PAGER_URL: '{sandboxUrl}/pager' } } });
  });

  it('refuses to describe a stale bundle, naming the fix', () => {
    expect(() => bundledPlugins(serviceDir)).toThrow(PluginConfigError);
    expect(() => bundledPlugins(serviceDir)).toThrow(/npm run build/);
  });
});
