import type { Progress } from '../progress';
import type { BenchResult } from '../report';
import type { BenchTarget } from '../target';

export interface BenchContext {
  /** Absent for benchmarks that need no running system (cold start). */
  readonly target?: BenchTarget;
  readonly quick: boolean;
  readonly progress: Progress;
}

export interface Benchmark {
  readonly name: string;
  readonly needsStack: boolean;
  run(ctx: BenchContext): Promise<Omit<BenchResult, 'elapsedMs' | 'name'>>;
}

export function requireTarget(ctx: BenchContext): BenchTarget {
  if (!ctx.target) throw new Error('this benchmark needs a running stack');
  return ctx.target;
}
