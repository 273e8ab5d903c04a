import { providerIdFor, ScaffoldError, scaffoldPlugin } from '../../../src/scaffold/scaffold-plugin';

describe('scaffoldPlugin', () => {
  const files = scaffoldPlugin({ name: 'push-fcm', channel: 'push' });

  it('generates a complete package', () => {
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'jest.config.js', 'package.json', 'src/index.ts', 'tests/unit/plugin.test.ts', 'tsconfig.json'].sort(),
    );
  });

  it('names the package and keeps the house scripts and exports', () => {
    const pkg = JSON.parse(files['package.json'] ?? '{}') as Record<string, unknown>;

    expect(pkg).toMatchObject({
      name: '@bank/plugin-push-fcm',
      exports: { '.': './src/index.ts' },
      scripts: { build: expect.any(String), typecheck: expect.any(String), lint: 'eslint src tests', test: expect.any(String) },
      dependencies: { '@bank/plugin-sdk': '*' },
    });
  });

  it('declares the plugin with definePlugin for the requested channel', () => {
    const source = files['src/index.ts'] ?? '';

    expect(source).toContain('export default definePlugin<Config>({');
    expect(source).toContain("id: 'fcm',");
    expect(source).toContain("channel: 'push',");
    expect(source).toContain('AbortSignal.timeout(config.timeoutMs)');
  });

  it('tests the plugin with the conformance kit', () => {
    expect(files['tests/unit/plugin.test.ts']).toContain("from '@bank/plugin-sdk/testing'");
    expect(files['tests/unit/plugin.test.ts']).toContain('describePluginConformance({');
  });

  it.each([
    [{ name: 'Push_FCM', channel: 'push' }],
    [{ name: 'push-fcm', channel: 'Push!' }],
    [{ name: '../escape', channel: 'push' }],
  ])('rejects names that are not kebab-case: %p', (options) => {
    expect(() => scaffoldPlugin(options)).toThrow(ScaffoldError);
  });
});

describe('providerIdFor', () => {
  it.each([
    [{ name: 'push-fcm', channel: 'push' }, 'fcm'],
    [{ name: 'fcm', channel: 'push' }, 'fcm'],
    [{ name: 'push', channel: 'push' }, 'push'],
  ])('derives the provider id of %p', (options, id) => {
    expect(providerIdFor(options)).toBe(id);
  });
});
