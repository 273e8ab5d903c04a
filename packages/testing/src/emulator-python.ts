import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MotoUnavailableError } from './errors';

/** The moto release moto/serve.py was written for (it patches moto's DynamoDB internals). */
export const PINNED_MOTO = {
  version: '5.2.1',
  /** probe.py's digest of moto 5.2.1's source files, as installed from its wheel. */
  digest: '586ebd2dd46c04db450e10f0ca0d179c9aed8f2274bb2c55424cebcacb4d49c5',
} as const;

export type PinnedMoto = { readonly version: string; readonly digest: string };

/** What probe.py reports about an interpreter. */
export type ProbeResult =
  | { readonly kind: 'no-python' }
  | { readonly kind: 'probed'; readonly version: string | null; readonly digest: string | null };

/** Everything the setup touches, so its decisions can be tested without Python. */
export interface EmulatorSetupPorts {
  probe(python: string): Promise<ProbeResult>;
  createVenv(basePython: string, dir: string): Promise<{ readonly ok: boolean; readonly reason: string }>;
  installRequirements(venvPython: string, requirementsFile: string): Promise<{ readonly ok: boolean; readonly reason: string }>;
  removeDir(dir: string): void;
  exists(path: string): boolean;
  /** The interpreter a previous run settled on, if any. */
  readChoice(): string | undefined;
  writeChoice(python: string): void;
  log(line: string): void;
}

export interface EmulatorLayout {
  readonly venvDir: string;
  readonly venvPython: string;
  readonly requirementsFile: string;
  /** Interpreters to try as the base of the virtual environment, in order. */
  readonly basePythons: readonly string[];
  /** `PYTHON` from the environment: use exactly this interpreter or fail. */
  readonly override?: string;
}

const REQUIREMENTS = 'packages/testing/moto/requirements.txt';

/** The one-line messages of the setup (tests assert them). */
export const messages = {
  noPython: (tried: readonly string[]) =>
    `The AWS emulator needs Python 3 and none was found (tried ${tried.join(', ')}): install Python 3.10 or newer, or set AWS_ENDPOINT_URL to a running emulator.`,
  installing: (pinned: PinnedMoto) => `Installing the AWS emulator (moto ${pinned.version}) into packages/testing/moto/.venv (first run only)...`,
  fallback: (python: string, pinned: PinnedMoto, reason: string) =>
    `Could not install moto ${pinned.version} (${reason}); using ${python}, which has exactly moto ${pinned.version}.`,
  failed: (python: string, found: string, pinned: PinnedMoto, reason: string) =>
    `Cannot set up the AWS emulator: installing moto ${pinned.version} failed (${reason}) and ${python} has ${found}. ` +
    `Run \`${python} -m pip install -r ${REQUIREMENTS}\` where the package index serves it, or set AWS_ENDPOINT_URL to a running emulator.`,
  overrideMismatch: (python: string, found: string, pinned: PinnedMoto) =>
    `PYTHON=${python} has ${found}, but the emulator launcher needs exactly moto ${pinned.version}: unset PYTHON or point it at an interpreter with ${REQUIREMENTS} installed.`,
};

/** How a probe compares with the pin, in words for the messages. */
export function describeMoto(result: ProbeResult, pinned: PinnedMoto): string {
  if (result.kind === 'no-python') return 'no Python';
  if (result.version === null) return 'no moto';
  if (result.version !== pinned.version) return `moto ${result.version}`;
  return result.digest === null || result.digest === pinned.digest ? `moto ${result.version}` : `moto ${result.version} with modified files`;
}

/** Exactly the pinned release: same version, and the same source files where pip recorded them. */
export function matchesPin(result: ProbeResult, pinned: PinnedMoto): boolean {
  return result.kind === 'probed' && result.version === pinned.version && (result.digest === null || result.digest === pinned.digest);
}

/**
 * Finds (or makes) the Python interpreter that runs the emulator: the project's virtual
 * environment with the pinned moto, installed on first use; where the package index cannot
 * serve it, an interpreter that already has exactly the pinned release; else one clear error.
 *
 * @example
 * const python = await resolveEmulatorPython(nodePorts(), defaultLayout());
 */
export async function resolveEmulatorPython(ports: EmulatorSetupPorts, layout: EmulatorLayout, pinned: PinnedMoto = PINNED_MOTO): Promise<string> {
  if (layout.override) {
    const result = await ports.probe(layout.override);
    if (matchesPin(result, pinned)) return layout.override;
    throw new MotoUnavailableError(messages.overrideMismatch(layout.override, describeMoto(result, pinned), pinned));
  }
  const remembered = ports.readChoice();
  if (remembered && matchesPin(await ports.probe(remembered), pinned)) return remembered;
  if (ports.exists(layout.venvPython) && matchesPin(await ports.probe(layout.venvPython), pinned)) return settle(ports, layout.venvPython);

  let base: { python: string; result: ProbeResult } | undefined;
  for (const python of layout.basePythons) {
    const result = await ports.probe(python);
    if (result.kind !== 'no-python') {
      base = { python, result };
      break;
    }
  }
  if (!base) throw new MotoUnavailableError(messages.noPython(layout.basePythons));

  ports.log(messages.installing(pinned));
  ports.removeDir(layout.venvDir);
  const created = await ports.createVenv(base.python, layout.venvDir);
  const installed = created.ok ? await ports.installRequirements(layout.venvPython, layout.requirementsFile) : created;
  if (installed.ok && matchesPin(await ports.probe(layout.venvPython), pinned)) return settle(ports, layout.venvPython);
  const reason = installed.ok ? `the environment does not hold moto ${pinned.version}` : installed.reason;
  ports.removeDir(layout.venvDir);

  if (matchesPin(base.result, pinned)) {
    ports.log(messages.fallback(base.python, pinned, reason));
    return settle(ports, base.python);
  }
  throw new MotoUnavailableError(messages.failed(base.python, describeMoto(base.result, pinned), pinned, reason));
}

function settle(ports: EmulatorSetupPorts, python: string): string {
  ports.writeChoice(python);
  return python;
}

const MOTO_DIR = join(__dirname, '..', 'moto');

/** Where the virtual environment lives (packages/testing/moto/.venv, ignored by git). */
export function defaultLayout(env: NodeJS.ProcessEnv = process.env): EmulatorLayout {
  const venvDir = join(MOTO_DIR, '.venv');
  const windows = process.platform === 'win32';
  return {
    venvDir,
    venvPython: windows ? join(venvDir, 'Scripts', 'python.exe') : join(venvDir, 'bin', 'python'),
    requirementsFile: join(MOTO_DIR, 'requirements.txt'),
    basePythons: windows ? ['python', 'py'] : ['python3', 'python'],
    ...(env.PYTHON ? { override: env.PYTHON } : {}),
  };
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], timeoutMs: number): Promise<Run | 'missing'> {
  return new Promise((resolve) => {
    execFile(command, [...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return resolve('missing');
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The last meaningful line of a tool's error output, short enough for a one-line message. */
export function lastLine(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('WARNING'));
  const line = lines.at(-1) ?? 'no output';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function parseProbe(stdout: string): ProbeResult {
  try {
    const parsed: unknown = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
    if (typeof parsed === 'object' && parsed !== null) {
      const { version, digest } = parsed as Record<string, unknown>;
      return { kind: 'probed', version: typeof version === 'string' ? version : null, digest: typeof digest === 'string' ? digest : null };
    }
  } catch {
    // fall through: an interpreter that cannot run probe.py has no usable moto
  }
  return { kind: 'probed', version: null, digest: null };
}

/** The real ports: child processes and files under packages/testing/moto. */
export function nodePorts(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): EmulatorSetupPorts {
  const choiceFile = join(MOTO_DIR, '.interpreter');
  return {
    probe: async (python) => {
      const result = await run(python, [join(MOTO_DIR, 'probe.py')], 30_000);
      return result === 'missing' ? { kind: 'no-python' } : parseProbe(result.stdout);
    },
    createVenv: async (basePython, dir) => {
      const result = await run(basePython, ['-m', 'venv', dir], 120_000);
      if (result === 'missing') return { ok: false, reason: `${basePython} not found` };
      return { ok: result.code === 0, reason: `python -m venv: ${lastLine(result.stderr || result.stdout)}` };
    },
    installRequirements: async (venvPython, requirementsFile) => {
      const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '--only-binary=:all:', '-r', requirementsFile];
      const result = await run(venvPython, args, 600_000);
      if (result === 'missing') return { ok: false, reason: 'the virtual environment has no python' };
      return { ok: result.code === 0, reason: `pip: ${lastLine(result.stderr || result.stdout)}` };
    },
    removeDir: (dir) => rmSync(dir, { recursive: true, force: true }),
    exists: (path) => existsSync(path),
    readChoice: () => (existsSync(choiceFile) ? readFileSync(choiceFile, 'utf8').trim() || undefined : undefined),
    writeChoice: (python) => writeFileSync(choiceFile, `${python}\n`),
    log,
  };
}

let resolving: Promise<string> | undefined;

/** The emulator's interpreter for this process (set up once, then remembered across runs). */
export function emulatorPython(): Promise<string> {
  resolving ??= resolveEmulatorPython(nodePorts(), defaultLayout());
  return resolving;
}
