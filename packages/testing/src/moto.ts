import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { emulatorPython } from './emulator-python';
import { MotoUnavailableError } from './errors';

export { MotoUnavailableError };

/** A running moto server (the AWS API emulator) and how to stop it. */
export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export const MOTO_INSTALL_HINT =
  'The AWS emulator could not start: its Python environment lacks a module (remove packages/testing/moto/.venv and packages/testing/moto/.interpreter, then rerun), or set AWS_ENDPOINT_URL to a running emulator.';

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new MotoUnavailableError(MOTO_INSTALL_HINT);
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new MotoUnavailableError(`moto server did not answer on ${endpoint} within ${timeoutMs} ms`);
}

/**
 * Starts moto server (through moto/serve.py) on a free loopback port and waits until it answers.
 * The interpreter is the pinned emulator environment (emulator-python.ts), set up on first use.
 */
export async function startMoto(options: { port?: number; python?: string; timeoutMs?: number } = {}): Promise<MotoServer> {
  const port = options.port ?? (await freePort());
  const python = options.python ?? (await emulatorPython());
  // serve.py is moto's own server with DynamoDB requests serialised (see the file for why).
  const child = spawn(python, [join(__dirname, '..', 'moto', 'serve.py'), '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (err) => reject(new MotoUnavailableError(MOTO_INSTALL_HINT, { cause: err }))),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([waitUntilUp(endpoint, child, options.timeoutMs ?? 20_000), spawnFailed]);
  } catch (err) {
    child.kill('SIGKILL');
    if (/No module named/.test(stderr)) throw new MotoUnavailableError(MOTO_INSTALL_HINT);
    throw err;
  }
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 2000).unref();
      }),
  };
}

/** Wipes all emulator state (between test files that share one server). */
export async function resetMoto(endpoint: string): Promise<void> {
  await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
}
