import { MotoUnavailableError } from '../../src/errors';
import {
  describeMoto,
  type EmulatorLayout,
  type EmulatorSetupPorts,
  lastLine,
  matchesPin,
  messages,
  type ProbeResult,
  resolveEmulatorPython,
} from '../../src/emulator-python';

const PIN = { version: '5.2.1', digest: 'abc' };
const layout: EmulatorLayout = { venvDir: '/repo/.venv', venvPython: '/repo/.venv/bin/python', requirementsFile: '/repo/requirements.txt', basePythons: ['python3', 'python'] };
const pinned: ProbeResult = { kind: 'probed', version: '5.2.1', digest: 'abc' };
const other: ProbeResult = { kind: 'probed', version: '5.1.0', digest: 'zzz' };
const none: ProbeResult = { kind: 'probed', version: null, digest: null };

/** In-memory ports: interpreters by name, an install that succeeds or not, a log. */
function fakePorts(options: { pythons: Record<string, ProbeResult>; install?: boolean; choice?: string; venvExists?: boolean }) {
  const pythons = { ...options.pythons };
  const log: string[] = [];
  const calls: string[] = [];
  let choice = options.choice;
  let venv = options.venvExists ?? false;
  const ports: EmulatorSetupPorts = {
    probe: async (python) => pythons[python] ?? (python === layout.venvPython && venv ? none : { kind: 'no-python' }),
    createVenv: async (base) => {
      calls.push(`venv ${base}`);
      venv = true;
      return { ok: true, reason: '' };
    },
    installRequirements: async () => {
      calls.push('install');
      if (options.install) pythons[layout.venvPython] = pinned;
      return options.install ? { ok: true, reason: '' } : { ok: false, reason: 'pip: No matching distribution found for moto==5.2.1' };
    },
    removeDir: () => {
      calls.push('remove venv');
      venv = false;
      delete pythons[layout.venvPython];
    },
    exists: (path) => path === layout.venvPython && venv,
    readChoice: () => choice,
    writeChoice: (python) => {
      choice = python;
    },
    log: (line) => log.push(line),
  };
  return { ports, log, calls, choice: () => choice };
}

describe('resolveEmulatorPython', () => {
  it('uses the interpreter a previous run settled on while it still has the pinned moto', async () => {
    const fake = fakePorts({ pythons: { python3: pinned }, choice: 'python3' });
    await expect(resolveEmulatorPython(fake.ports, layout, PIN)).resolves.toBe('python3');
    expect(fake.calls).toEqual([]);
    expect(fake.log).toEqual([]);
  });

  it('uses an existing virtual environment that holds the pinned moto, and remembers it', async () => {
    const fake = fakePorts({ pythons: { [layout.venvPython]: pinned, python3: other }, venvExists: true });
    await expect(resolveEmulatorPython(fake.ports, layout, PIN)).resolves.toBe(layout.venvPython);
    expect(fake.choice()).toBe(layout.venvPython);
    expect(fake.calls).toEqual([]);
  });

  it('creates the virtual environment and installs the requirements on first use, with one progress line', async () => {
    const fake = fakePorts({ pythons: { python3: none }, install: true });
    await expect(resolveEmulatorPython(fake.ports, layout, PIN)).resolves.toBe(layout.venvPython);
    expect(fake.calls).toEqual(['remove venv', 'venv python3', 'install']);
    expect(fake.log).toEqual([messages.installing(PIN)]);
    expect(fake.choice()).toBe(layout.venvPython);
  });

  it('falls back to a Python that has exactly the pinned moto when the index cannot serve it', async () => {
    const fake = fakePorts({ pythons: { python3: pinned }, install: false });
    await expect(resolveEmulatorPython(fake.ports, layout, PIN)).resolves.toBe('python3');
    expect(fake.log).toEqual([messages.installing(PIN), messages.fallback('python3', PIN, 'pip: No matching distribution found for moto==5.2.1')]);
    expect(fake.calls).toContain('remove venv');
    expect(fake.choice()).toBe('python3');
  });

  it('fails with one line when the install fails and the system moto is another version', async () => {
    const fake = fakePorts({ pythons: { python3: other }, install: false });
    const error = await resolveEmulatorPython(fake.ports, layout, PIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MotoUnavailableError);
    expect((error as Error).message).toBe(messages.failed('python3', 'moto 5.1.0', PIN, 'pip: No matching distribution found for moto==5.2.1'));
    expect((error as Error).message).not.toContain('\n');
    expect(fake.choice()).toBeUndefined();
  });

  it('refuses a system moto of the pinned version whose files differ', async () => {
    const fake = fakePorts({ pythons: { python3: { kind: 'probed', version: '5.2.1', digest: 'edited' } }, install: false });
    await expect(resolveEmulatorPython(fake.ports, layout, PIN)).rejects.toThrow('has moto 5.2.1 with modified files');
  });

  it('says in one line that Python is missing, naming what it tried', async () => {
    const fake = fakePorts({ pythons: {} });
    await expect(resolveEmulatorPython(fake.ports, layout, PIN)).rejects.toThrow(messages.noPython(['python3', 'python']));
    expect(fake.calls).toEqual([]);
  });

  it('tries the next interpreter name when the first is missing', async () => {
    const fake = fakePorts({ pythons: { python: pinned }, install: false });
    await expect(resolveEmulatorPython(fake.ports, layout, PIN)).resolves.toBe('python');
  });

  it('uses PYTHON exactly when it has the pinned moto, and fails in one line when it has not', async () => {
    const good = fakePorts({ pythons: { '/opt/py': pinned } });
    await expect(resolveEmulatorPython(good.ports, { ...layout, override: '/opt/py' }, PIN)).resolves.toBe('/opt/py');
    const bad = fakePorts({ pythons: { '/opt/py': other, python3: pinned } });
    await expect(resolveEmulatorPython(bad.ports, { ...layout, override: '/opt/py' }, PIN)).rejects.toThrow(messages.overrideMismatch('/opt/py', 'moto 5.1.0', PIN));
  });
});

describe('matchesPin and describeMoto', () => {
  it('accepts the pinned version with the pinned digest, or without a recorded digest', () => {
    expect(matchesPin(pinned, PIN)).toBe(true);
    expect(matchesPin({ kind: 'probed', version: '5.2.1', digest: null }, PIN)).toBe(true);
    expect(matchesPin({ kind: 'probed', version: '5.2.1', digest: 'other' }, PIN)).toBe(false);
    expect(matchesPin(other, PIN)).toBe(false);
    expect(matchesPin({ kind: 'no-python' }, PIN)).toBe(false);
  });

  it('describes what an interpreter has in words', () => {
    expect([none, other, pinned, { kind: 'no-python' } as ProbeResult].map((r) => describeMoto(r, PIN))).toEqual(['no moto', 'moto 5.1.0', 'moto 5.2.1', 'no Python']);
  });
});

describe('lastLine', () => {
  it('keeps the last line that is not a warning, cut to a message-sized length', () => {
    expect(lastLine('Collecting moto\nERROR: No matching distribution found for moto==5.2.1\nWARNING: retrying\n')).toBe('ERROR: No matching distribution found for moto==5.2.1');
    expect(lastLine('x'.repeat(300))).toHaveLength(160);
    expect(lastLine('')).toBe('no output');
  });
});
