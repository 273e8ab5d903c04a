import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CALLBACK_PLUGIN_MAP_FILE, callbackPluginPackages, renderCallbackPluginMap } from '../../src/bundle/callback-plugin-map';

const serviceDir = path.join(__dirname, '..', '..');

describe('the bundled callback plugins', () => {
  const packages = callbackPluginPackages(path.join(serviceDir, '..', '..'));

  it('are the notifiers\' plugins that declare status callbacks (run `npm run build` when this fails)', () => {
    expect(readFileSync(path.join(serviceDir, CALLBACK_PLUGIN_MAP_FILE), 'utf8')).toBe(renderCallbackPluginMap(packages));
    expect(packages.length).toBeGreaterThan(0);
  });

  it('are dependencies of the service', () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(serviceDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(packages.filter((name) => !(name in dependencies))).toEqual([]);
  });
});
