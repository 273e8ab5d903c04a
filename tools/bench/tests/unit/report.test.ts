import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fmt, fmtBytes, fmtRatio, markdownTable, resultFileName, summaryLines, withBenchSection, writeReport, type BenchReport, type BenchResult } from '../../src/report';

const result: BenchResult = {
  name: 'API throughput and latency',
  elapsedMs: 12_345,
  data: { any: 1 },
  rows: [
    { benchmark: 'API throughput', metric: 'ops/s at concurrency 8', ours: '120', baseline: '400', ratio: '0.30×', method: 'a | b\nsecond line' },
  ],
};

const report: BenchReport = {
  startedAt: '2025-01-02T03:04:05.678Z',
  finishedAt: '2025-01-02T03:05:05.678Z',
  mode: 'quick',
  machine: { node: 'v20.0.0', platform: 'linux-x64', cpus: 2, cpuModel: 'Test CPU' },
  results: [result],
  failures: [{ name: 'Cold start', error: 'boom' }],
};

describe('markdownTable', () => {
  it('writes a header, a separator and one line per row with pipes and newlines escaped', () => {
    const lines = markdownTable([result]).split('\n');
    expect(lines[0]).toBe('| Benchmark | Measured | Ours | Baseline | Ratio (ours/baseline) | How |');
    expect(lines[1]).toBe('|---|---|---|---|---|---|');
    expect(lines[2]).toBe('| API throughput | ops/s at concurrency 8 | 120 | 400 | 0.30× | a \\| b second line |');
    expect(lines).toHaveLength(3);
  });
});

describe('summaryLines', () => {
  it('lists each benchmark’s duration, the failures and the total', () => {
    expect(summaryLines(report)).toEqual([
      '- API throughput and latency: 1 row(s) in 12.3 s',
      '- Cold start: FAILED (boom)',
      '- total 60.0 s, quick mode, 2 CPU(s) Test CPU, Node v20.0.0',
    ]);
  });
});

describe('formatting', () => {
  it('keeps fewer decimals as numbers grow and prints n/a for NaN', () => {
    expect(fmt(1.234)).toBe('1.23');
    expect(fmt(12.34, ' ms')).toBe('12.3 ms');
    expect(fmt(1234.5)).toBe('1235');
    expect(fmt(Number.NaN)).toBe('n/a');
    expect(fmtRatio(0.256)).toBe('0.26×');
    expect(fmtBytes(2048)).toBe('2.0 KiB');
    expect(fmtBytes(3 * 1024 * 1024)).toBe('3.00 MiB');
  });
});

describe('writeReport', () => {
  it('writes a timestamped file without colons and latest.json with the same content', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-report-'));
    try {
      const file = writeReport(path.join(dir, 'results'), report);
      expect(path.basename(file)).toBe(resultFileName(report.startedAt));
      expect(path.basename(file)).toBe('2025-01-02T03-04-05-678Z.json');
      expect(readdirSync(path.join(dir, 'results')).sort()).toEqual(['2025-01-02T03-04-05-678Z.json', 'latest.json']);
      const latest: unknown = JSON.parse(readFileSync(path.join(dir, 'results', 'latest.json'), 'utf8'));
      expect(latest).toEqual(report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves latest.json alone for a run of some benchmarks only', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-report-'));
    try {
      writeReport(path.join(dir, 'results'), report);
      const partial = { ...report, startedAt: '2025-01-03T00:00:00.000Z' };
      writeReport(path.join(dir, 'results'), partial, { complete: false });
      expect(readdirSync(path.join(dir, 'results')).sort()).toEqual(['2025-01-02T03-04-05-678Z.json', '2025-01-03T00-00-00-000Z.json', 'latest.json']);
      expect(JSON.parse(readFileSync(path.join(dir, 'results', 'latest.json'), 'utf8'))).toEqual(report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('withBenchSection', () => {
  const readme = ['# Title', '', '## Performance', 'intro', '<!-- bench:start -->', 'old figures', '<!-- bench:end -->', '', 'after'].join('\n');

  it('replaces only what is between the markers with the run, its machine and a table without methods', () => {
    const lines = withBenchSection(readme, report).split('\n');

    expect(lines.slice(0, 5)).toEqual(['# Title', '', '## Performance', 'intro', '<!-- bench:start -->']);
    expect(lines[5]).toBe('Measured 2025-01-02 by `npm run bench` (quick mode, 60 s) on 2 × Test CPU, Node v20.0.0; regenerated from `bench/results/latest.json` by `npm run bench:readme`.');
    expect(lines).toContain('| API throughput | ops/s at concurrency 8 | 120 | 400 | 0.30× |');
    expect(lines).toContain('- Cold start: FAILED (boom)');
    expect(lines).not.toContain('old figures');
    expect(lines.slice(-3)).toEqual(['<!-- bench:end -->', '', 'after']);
  });

  it('refuses a README without the markers', () => {
    expect(() => withBenchSection('# no section', report)).toThrow(/bench:start/);
  });
});
