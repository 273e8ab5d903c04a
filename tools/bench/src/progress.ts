import { SingleBar, Presets } from 'cli-progress';

/** What a benchmark reports its progress to; the CLI draws bars, tests pass `silentProgress`. */
export interface Progress {
  start(label: string, total: number): void;
  increment(by?: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start: () => undefined, increment: () => undefined, stop: () => undefined };

/** One cli-progress bar per phase, drawn on stderr so that stdout carries only the table. */
export function stderrProgress(name: string): Progress {
  let bar: SingleBar | undefined;
  return {
    start(label, total) {
      bar?.stop();
      bar = new SingleBar(
        { format: `${name.padEnd(22)} {bar} {percentage}% | {value}/{total} | {label}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
        Presets.shades_classic,
      );
      bar.start(total, 0, { label });
    },
    increment(by = 1) {
      bar?.increment(by);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
