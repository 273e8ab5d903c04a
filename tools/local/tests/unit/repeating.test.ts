import { startRepeating } from '../../src/repeating';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recordingLog() {
  const warnings: string[] = [];
  return { warnings, log: { info: () => undefined, warn: (message: string) => void warnings.push(message) } };
}

describe('startRepeating', () => {
  it('runs again and again, never two runs at once', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const repeating = startRepeating(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(15);
        runs++;
        active--;
      },
      5,
      recordingLog().log,
    );
    await sleep(150);
    await repeating.stop();
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(maxActive).toBe(1);
  });

  it('logs a failed run and keeps going', async () => {
    const { warnings, log } = recordingLog();
    let calls = 0;
    const repeating = startRepeating(
      async () => {
        calls++;
        if (calls === 1) throw new Error('table busy');
      },
      5,
      log,
    );
    await sleep(80);
    await repeating.stop();
    expect(warnings).toEqual(['scheduled run failed; the next run tries again']);
    expect(calls).toBeGreaterThan(1);
  });

  it('waits for the run in progress when stopped, and starts no other', async () => {
    let finished = 0;
    let started = 0;
    const repeating = startRepeating(
      async () => {
        started++;
        await sleep(40);
        finished++;
      },
      1,
      recordingLog().log,
    );
    await sleep(10);
    await repeating.stop();
    expect({ started, finished }).toEqual({ started: 1, finished: 1 });
    await sleep(20);
    expect(started).toBe(1);
  });
});
