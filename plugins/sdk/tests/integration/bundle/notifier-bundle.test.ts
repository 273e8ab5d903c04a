import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundledPlugins, bundleProblems, CONFIG_VALIDATORS_MODULE, readNotifierBundle, syncNotifierBundle, PLUGIN_MAP_FILE } from '../../../src/bundle/index';
import { PluginConfigError } from '../../../src/index';

const PLUGIN_SOURCE = `module.exports = {
  id: 'pager', channel: 'pager', version: '1.0.0',
  configSchema: {
    type: 'object', required: ['url'],
    properties: { url: { type: 'string', format: 'uri' }, retries: { type: 'integer' }, timeoutMs: { type: 'integer', default: 5000 } },
  },
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

    expect(syncNotifierBundle(serviceDir)).toEqual([PLUGIN_MAP_FILE, `${CONFIG_VALIDATORS_MODULE}.js`, `${CONFIG_VALIDATORS_MODULE}.d.ts`, 'package.json']);

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

  it('compiles the config schema of each bundled plugin, applying its defaults and coercions', () => {
    syncNotifierBundle(serviceDir);

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated map, as a handler imports it
    const { configValidators } = require(path.join(serviceDir, PLUGIN_MAP_FILE)) as { configValidators: Record<string, (config: unknown) => boolean> };
    const config = { url: 'https://pager.example', retries: '3' };

    expect(configValidators['pager-plugin']?.(config)).toBe(true);
    expect(config).toEqual({ url: 'https://pager.example', retries: 3, timeoutMs: 5000 });
    expect(configValidators['pager-plugin']?.({ url: 'not a url' })).toBe(false);
  });

  it('reports compiled config validators that no longer match the plugins', async () => {
    syncNotifierBundle(serviceDir);
    await writeFile(path.join(serviceDir, `${CONFIG_VALIDATORS_MODULE}.js`), 'export const configValidators = {};\n');

    expect(bundleProblems(readNotifierBundle(serviceDir))).toEqual([`${CONFIG_VALIDATORS_MODULE}.js does not match the bundled plugins' config schemas`]);
  });

  it('refuses to describe a stale bundle, naming the fix', () => {
    expect(() => bundledPlugins(serviceDir)).toThrow(PluginConfigError);
    expect(() => bundledPlugins(serviceDir)).toThrow(/npm run build/);
  });
});
