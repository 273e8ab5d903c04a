/** `npm run build`: regenerates src/plugins.generated.ts from the notifiers' manifests and their plugins' declarations. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CALLBACK_PLUGIN_MAP_FILE, callbackPluginPackages, renderCallbackPluginMap } from './callback-plugin-map';

const serviceDir = path.resolve(__dirname, '..', '..');
const packages = callbackPluginPackages(path.resolve(serviceDir, '..', '..'));
writeFileSync(path.join(serviceDir, CALLBACK_PLUGIN_MAP_FILE), renderCallbackPluginMap(packages));
const dependencies = (JSON.parse(readFileSync(path.join(serviceDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
const missing = packages.filter((name) => !(name in dependencies));
console.log(`delivery-status: ${packages.join(', ')}${missing.length > 0 ? `; add to package.json dependencies: ${missing.join(', ')}` : ''}`);
