/** `npm run build`: regenerates src/plugins.generated.ts and the compiled callback config validators from the notifiers' manifests and their plugins' declarations. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { callbackPlugins, renderCallbackFiles } from './callback-plugin-map';

const serviceDir = path.resolve(__dirname, '..', '..');
const plugins = callbackPlugins(path.resolve(serviceDir, '..', '..'));
for (const [file, content] of renderCallbackFiles(plugins)) writeFileSync(path.join(serviceDir, file), content);
const dependencies = (JSON.parse(readFileSync(path.join(serviceDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
const missing = plugins.map((p) => p.package).filter((name) => !(name in dependencies));
console.log(`delivery-status: ${plugins.map((p) => p.package).join(', ')}${missing.length > 0 ? `; add to package.json dependencies: ${missing.join(', ')}` : ''}`);
