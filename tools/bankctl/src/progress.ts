import { Presets, SingleBar } from 'cli-progress';
import type { ProgressFactory } from './commands/context';

/** cli-progress bar on stderr (stdout stays clean for the summary); used only when stdout is a terminal. */
export const terminalProgress: ProgressFactory = () => {
  const bar = new SingleBar({ format: ' {bar} {value}/{total} messages | {eta_formatted} left', hideCursor: true, stream: process.stderr }, Presets.shades_classic);
  let started = false;
  return {
    start: (total) => {
      if (total <= 0) return;
      bar.start(total, 0);
      started = true;
    },
    increment: () => {
      if (started) bar.increment();
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
};
