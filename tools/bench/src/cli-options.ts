export interface CliOptions {
  readonly quick: boolean;
  /** Use the stack `npm start` runs instead of starting one. */
  readonly attach: boolean;
  /** Benchmark ids to run; empty = all. */
  readonly only: readonly string[];
  readonly help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--quick] [--attach] [--only=id,id]

  --quick    about a minute: fewer operations, one round, 5 spawns (also BENCH_QUICK=1)
  --attach   use the running local stack (stack-outputs.json from \`npm start\`) instead of starting one
  --only     run only these benchmarks: cold-start, dynamo-calls, notification-latency,
             notifier-throughput, token-verification, api-throughput

Progress goes to stderr, the Markdown table to stdout, JSON to bench/results/.`;

export function parseCliOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
  let quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  let attach = false;
  let help = false;
  const only: string[] = [];
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--attach') attach = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--only=')) only.push(...arg.slice('--only='.length).split(',').filter(Boolean));
    else throw new Error(`unknown argument ${arg}\n\n${USAGE}`);
  }
  return { quick, attach, only, help };
}
