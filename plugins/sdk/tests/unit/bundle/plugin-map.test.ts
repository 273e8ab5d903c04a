import { pluginPackages, renderPluginMap } from '../../../src/bundle/index';
import { ManifestError, parseManifest } from '../../../src/index';

const manifest = parseManifest({
  channels: {
    sms: [{ plugin: '@bank/plugin-sms-twilio' }],
    whatsapp: [{ plugin: '@bank/plugin-whatsapp-twilio' }, { plugin: '@bank/plugin-sms-twilio' }],
  },
});

describe('renderPluginMap', () => {
  it('imports each plugin package the manifest names once, statically, keyed by its specifier', () => {
    const source = renderPluginMap(manifest);

    expect(source).toContain("import * as plugin0 from '@bank/plugin-sms-twilio';");
    expect(source).toContain("import * as plugin1 from '@bank/plugin-whatsapp-twilio';");
    expect(source).toContain("  '@bank/plugin-sms-twilio': plugin0,");
    expect(source.match(/^import /gm)).toHaveLength(2);
    expect(source).not.toMatch(/import\(/);
  });

  it('is stable, so a freshness check can compare it byte for byte', () => {
    expect(renderPluginMap(manifest)).toBe(renderPluginMap(parseManifest(JSON.stringify(manifest))));
  });
});

describe('pluginPackages', () => {
  it('refuses a file path: a bundled notifier carries packages only', () => {
    expect(() => pluginPackages(parseManifest({ channels: { pager: [{ plugin: './local-plugin' }] } }))).toThrow(ManifestError);
  });
});
