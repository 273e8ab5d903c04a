import type { Poller, PollerLog } from './poller';

/**
 * Runs `run` every `everyMs` after the previous run ends (runs never overlap), the first time
 * `everyMs` from now. A failed run is logged and the next one tries again, as a schedule does.
 *
 * @example
 * const sweep = startRepeating(() => expireHolds(), 5_000, log);
 * await sweep.stop(); // waits for a run in progress
 */
export function startRepeating(run: () => Promise<void>, everyMs: number, log: PollerLog): Poller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = run()
      .catch((err: unknown) => log.warn('scheduled run failed; the next run tries again', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, everyMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
