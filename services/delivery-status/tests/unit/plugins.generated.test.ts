import { readFileSync } from 'node:fs';
import path from 'node:path';
import { callbackPlugins, renderCallbackFiles } from '../../src/bundle/callback-plugin-map';

const serviceDir = path.join(__dirname, '..', '..');

describe('the bundled callback plugins', () => {
  const plugins = callbackPlugins(path.join(serviceDir, '..', '..'));

  it.each([...renderCallbackFiles(plugins)])('%s is the notifiers\' plugins that declare status callbacks, compiled (run `npm run build` when this fails: the generated file is stale)', (file, content) => {
    expect(readFileSync(path.join(serviceDir, file), 'utf8')).toBe(content);
  });

  it('are found, each with its plugin id and the callbacks its plugin declares', () => {
    expect(plugins.map((p) => [p.package, p.pluginId, p.callbacks.provider])).toEqual([
      ['@bank/plugin-email-sendgrid', 'sendgrid', 'sendgrid'],
      ['@bank/plugin-sms-twilio', 'twilio', 'twilio'],
      ['@bank/plugin-whatsapp-twilio', 'twilio', 'twilio'],
    ]);
  });

  it('are dependencies of the service', () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(serviceDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(plugins.map((p) => p.package).filter((name) => !(name in dependencies))).toEqual([]);
  });
});
