import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One line of the results table: what was measured, our figure, the baseline's, and how. */
export interface BenchRow {
  readonly benchmark: string;
  readonly metric: string;
  readonly ours: string;
  /** Empty when the row has no baseline. */
  readonly baseline: string;
  /** ours / baseline, formatted; empty when there is no baseline. */
  readonly ratio: string;
  readonly method: string;
}

export interface BenchResult {
  readonly name: string;
  readonly rows: readonly BenchRow[];
  /** Raw figures for the JSON file (samples summaries, counts, parameters). */
  readonly data: Readonly<Record<string, unknown>>;
  readonly elapsedMs: number;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly mode: 'full' | 'quick';
  readonly machine: { readonly node: string; readonly platform: string; readonly cpus: number; readonly cpuModel: string };
  readonly results: readonly BenchResult[];
  readonly failures: readonly { readonly name: string; readonly error: string }[];
}

/** Numbers for humans: fixed decimals that shrink as the value grows; `n/a` for NaN. */
export function fmt(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit}`;
}

export function fmtRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function fmtBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** A Markdown table cell: pipes and newlines would break the row. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ');
}

export function markdownTable(results: readonly BenchResult[]): string {
  const header = ['Benchmark', 'Measured', 'Ours', 'Baseline', 'Ratio (ours/baseline)', 'How'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const result of results) {
    for (const row of result.rows) {
      lines.push(`| ${[row.benchmark, row.metric, row.ours, row.baseline, row.ratio, row.method].map(cell).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** The README's table: the same rows without the method column (tools/bench/README.md has the methods). */
export function compactTable(results: readonly BenchResult[]): string {
  const header = ['Benchmark', 'Measured', 'Ours', 'Baseline', 'Ours/baseline'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of results.flatMap((result) => result.rows)) {
    lines.push(`| ${[row.benchmark, row.metric, row.ours, row.baseline, row.ratio].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/**
 * The README's Performance figures regenerated from a report (`npm run bench:readme` reads
 * bench/results/latest.json): everything between the markers is replaced, the rest kept.
 * Throws when the markers are missing, so nothing is silently appended.
 */
export function withBenchSection(readme: string, report: BenchReport): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`the README has no ${README_START} … ${README_END} section`);
  const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
  const { machine } = report;
  const section = [
    README_START,
    `Measured ${report.startedAt.slice(0, 10)} by \`npm run bench\` (${report.mode} mode, ${seconds.toFixed(0)} s) on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; regenerated from \`bench/results/latest.json\` by \`npm run bench:readme\`.`,
    '',
    compactTable(report.results),
    ...(report.failures.length > 0 ? ['', ...report.failures.map((failure) => `- ${failure.name}: FAILED (${failure.error})`)] : []),
    '',
  ].join('\n');
  return `${readme.slice(0, start)}${section}${readme.slice(end)}`;
}

/** Closing lines: how long each benchmark took and which failed. */
export function summaryLines(report: BenchReport): string[] {
  const lines = report.results.map((r) => `- ${r.name}: ${r.rows.length} row(s) in ${(r.elapsedMs / 1000).toFixed(1)} s`);
  for (const failure of report.failures) lines.push(`- ${failure.name}: FAILED (${failure.error})`);
  const total = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
  lines.push(`- total ${total.toFixed(1)} s, ${report.mode} mode, ${report.machine.cpus} CPU(s) ${report.machine.cpuModel}, Node ${report.machine.node}`);
  return lines;
}

/** `2025-01-02T03:04:05.678Z` → `2025-01-02T03-04-05-678Z` (no colons in file names). */
export function resultFileName(startedAt: string): string {
  return `${startedAt.replace(/[:.]/g, '-')}.json`;
}

/**
 * Writes `<dir>/<timestamp>.json` and, for a run of every benchmark, `<dir>/latest.json` (what
 * `bench:readme` turns into the README's section: a `--only` run would leave it partial).
 * Returns the timestamped path.
 */
export function writeReport(dir: string, report: BenchReport, options: { readonly complete: boolean } = { complete: true }): string {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const file = path.join(dir, resultFileName(report.startedAt));
  writeFileSync(file, text);
  if (options.complete) writeFileSync(path.join(dir, 'latest.json'), text);
  return file;
}
