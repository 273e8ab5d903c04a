import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadChannelProviders, parseManifest, PermanentError, RetryableError, sendWithFallback } from '../../../src/index';
import { ScaffoldError } from '../../../src/scaffold/scaffold-plugin';
import { writeScaffold } from '../../../src/scaffold/write-scaffold';
import { startFakeHttpProvider } from '../../../src/testing/index';
import { compileConfigValidator } from '../../../src/config-compiler';

// Inside the package (not the OS tmp dir) so the generated code resolves @bank/plugin-sdk like a workspace would.
let parentDir: string;
beforeAll(async () => {
  parentDir = await mkdtemp(path.join(__dirname, '.scaffold-'));
});
afterAll(async () => {
  await rm(parentDir, { recursive: true, force: true });
});

const message = { channel: 'push', to: 'token', body: 'hello', idempotencyKey: 'e1:push', eventType: 'MoneyDeposited' };

describe('writeScaffold', () => {
  it('writes the package files under <dir>/<name>', async () => {
    const { dir } = await writeScaffold({ name: 'push-fcm', channel: 'push', parentDir });

    const listing = async (sub: string) => (await readdir(path.join(dir, sub))).sort();
    expect(dir).toBe(path.join(parentDir, 'push-fcm'));
    expect(await listing('.')).toEqual(['README.md', 'jest.config.js', 'package.json', 'src', 'tests', 'tsconfig.json']);
    expect(await listing('src')).toEqual(['index.ts']);
    expect(await listing('tests/unit')).toEqual(['plugin.test.ts']);
    expect(JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: '@bank/plugin-push-fcm' });
  });

  it('refuses to overwrite an existing package', async () => {
    await expect(writeScaffold({ name: 'push-fcm', channel: 'push', parentDir })).rejects.toThrow(ScaffoldError);
  });

  it('generates a plugin that the loader accepts and that maps provider answers', async () => {
    const { dir } = await writeScaffold({ name: 'push-demo', channel: 'push', parentDir });
    // Generous: a shared CI machine can take well over 200 ms to answer the first request; only the hang waits it out.
    const fake = await startFakeHttpProvider(() => ({ status: 200, body: { id: 'p-1' } }));
    try {
      const manifest = parseManifest({ channels: { push: [{ plugin: path.join(dir, 'src/index.ts'), config: { endpoint: '${ENDPOINT}', apiKey: '${DEMO_API_KEY}', timeoutMs: '2000' } }] } });
      const registry = await loadChannelProviders(manifest, { compileConfig: compileConfigValidator, env: { ENDPOINT: `${fake.url}/send`, DEMO_API_KEY: 'k' }, sandbox: true });
      const providers = registry.providers('push');

      const sent = await sendWithFallback(providers, message);
      fake.script({ status: 503 }, { status: 400 }, { hang: true }, { status: 202 });
      const outcomes = [];
      for (let i = 0; i < 4; i += 1) outcomes.push(await sendWithFallback(providers, message).catch((error: unknown) => error));

      expect(sent).toMatchObject({ provider: 'demo', providerMessageId: 'p-1' });
      expect(JSON.parse(fake.requests[0]?.body ?? '{}')).toMatchObject({ to: 'token', body: 'hello' });
      expect(fake.requests[0]?.headers['idempotency-key']).toBe('e1:push');
      expect(outcomes[0]).toBeInstanceOf(RetryableError);
      expect(outcomes[1]).toBeInstanceOf(PermanentError);
      expect(outcomes[2]).toBeInstanceOf(RetryableError);
      expect(outcomes[3]).toMatchObject({ provider: 'demo', providerMessageId: 'demo:e1:push' });
      expect(fake.requests[0]?.headers.authorization).toBe('Bearer k');
      expect(registry.failures()).toEqual([]);
      const production = await loadChannelProviders(manifest, { compileConfig: compileConfigValidator, env: { ENDPOINT: `${fake.url}/send`, DEMO_API_KEY: 'k' } });
      expect(production.providers('push')).toEqual([]);
      expect(production.failures().map((failure) => failure.error.message)).toEqual([expect.stringContaining('endpoint must be https on provider.invalid')]);
    } finally {
      await fake.close();
    }
  });
});
