import './env-defaults';
import { cpus } from 'node:os';
import path from 'node:path';
import { apiThroughput } from './benchmarks/api-throughput';
import { coldStart } from './benchmarks/cold-start';
import { dynamoCalls } from './benchmarks/dynamo-calls';
import { notificationLatency } from './benchmarks/notification-latency';
import { notifierThroughput } from './benchmarks/notifier-throughput';
import { tokenVerification } from './benchmarks/token-verification';
import type { Benchmark } from './benchmarks/types';
import { parseCliOptions, USAGE } from './cli-options';
import { stderrProgress } from './progress';
import { markdownTable, summaryLines, writeReport, type BenchReport, type BenchResult } from './report';
import { attachTarget, REPO_ROOT, startTarget, type BenchTarget } from './target';

/**
 * Order matters on a small machine: cold start runs before the stack exists, and the API load
 * test runs last because the stream/notifier backlog it leaves would skew the latency figures.
 */
const BENCHMARKS: readonly { id: string; bench: Benchmark }[] = [
  { id: 'cold-start', bench: coldStart },
  { id: 'dynamo-calls', bench: dynamoCalls },
  { id: 'notification-latency', bench: notificationLatency },
  { id: 'notifier-throughput', bench: notifierThroughput },
  { id: 'token-verification', bench: tokenVerification },
  { id: 'api-throughput', bench: apiThroughput },
];

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const unknown = options.only.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}\n\n${USAGE}`);
  const selected = BENCHMARKS.filter((b) => options.only.length === 0 || options.only.includes(b.id));

  const startedAt = new Date().toISOString();
  const results: BenchResult[] = [];
  const failures: { name: string; error: string }[] = [];
  let target: BenchTarget | undefined;
  try {
    for (const { bench } of selected) {
      if (bench.needsStack && !target) {
        process.stderr.write(options.attach ? 'attaching to the running local stack…\n' : 'starting the local stack (moto, sandbox, API, pollers)…\n');
        target = options.attach ? await attachTarget() : await startTarget();
      }
      process.stderr.write(`\n▶ ${bench.name}\n`);
      const t0 = performance.now();
      try {
        const out = await bench.run({ target, quick: options.quick, progress: stderrProgress(bench.name) });
        results.push({ name: bench.name, ...out, elapsedMs: performance.now() - t0 });
      } catch (err) {
        failures.push({ name: bench.name, error: err instanceof Error ? err.message : String(err) });
        process.stderr.write(`\n✖ ${bench.name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  } finally {
    await target?.stop();
  }

  const cpu = cpus();
  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    machine: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpu.length, cpuModel: cpu[0]?.model.trim() ?? 'unknown' },
    results,
    failures,
  };
  const complete = options.only.length === 0;
  const file = writeReport(path.join(REPO_ROOT, 'bench', 'results'), report, { complete });
  process.stdout.write(`\n${markdownTable(results)}\n\n${summaryLines(report).join('\n')}\n`);
  process.stderr.write(`\nresults written to ${path.relative(process.cwd(), file)}${complete ? ' and latest.json' : ' (not latest.json: --only)'}\n`);
  if (failures.length > 0) process.exitCode = 1;
}

main().then(
  // Pollers and keep-alive sockets can hold the loop open for a while after stop().
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
