import { hopTrace, type HopTimes } from '@bank/local';
import { fmt, type BenchRow } from '../report';
import { sleep } from '../sandbox-client';
import { mean, percentile } from '../stats';

/**
 * Opt-in profiling of the notification-latency row (off unless asked for; the row's figure is
 * measured the same way either way):
 * - LOCAL_HOP_TRACE=1 (in-process stack only): per-deposit timestamps at each hop of the pipeline;
 * - MOTO_REQUEST_STATS=1 (the emulator the bench starts reads it too): emulator requests by kind,
 *   per deposit and per idle second.
 */
export const traceRequested = (): boolean => process.env.LOCAL_HOP_TRACE === '1';
export const requestStatsRequested = (): boolean => process.env.MOTO_REQUEST_STATS === '1';

/** One counted deposit: the client's 200, the sandbox's receipt, the hops in between. */
export interface TracedDeposit {
  readonly okAt: number;
  readonly capturedAt: number;
  readonly transactionId: string;
}

const SEGMENTS: readonly [string, (h: HopTimes, d: TracedDeposit) => number | undefined][] = [
  ['API 200 → relay gets the stream record', (h, d) => diff(d.okAt, h['relay-start'])],
  ['relay start → message in the SMS queue (SNS)', (h) => diff(h['relay-start'], h.queued)],
  ['relay start → relay done (SNS + EventBridge)', (h) => diff(h['relay-start'], h['relay-done'])],
  ['in queue → notifier gets it', (h) => diff(h.queued, h['notifier-start'])],
  ['notifier start → provider POST at the sandbox', (h, d) => diff(h['notifier-start'], d.capturedAt)],
  ['provider POST → notifier done (after the 200)', (h, d) => diff(d.capturedAt, h['notifier-done'])],
];

const diff = (from: number | undefined, to: number | undefined): number | undefined => (from === undefined || to === undefined ? undefined : to - from);

/** Per segment: p50, p95, and the mean over the slowest 10 % of deposits (what decides the p95). */
export function hopBreakdown(deposits: readonly TracedDeposit[]): { rows: BenchRow[]; data: Record<string, unknown> } {
  const trace = hopTrace();
  const totals = deposits.map((d) => d.capturedAt - d.okAt);
  const slowCut = percentile(totals, 90);
  const data: Record<string, unknown> = {};
  const rows = SEGMENTS.map(([name, segment]) => {
    const all: number[] = [];
    const slow: number[] = [];
    for (const d of deposits) {
      const value = segment(trace.times(d.transactionId), d);
      if (value === undefined) continue;
      all.push(value);
      if (d.capturedAt - d.okAt >= slowCut) slow.push(value);
    }
    const figures = { p50: percentile(all, 50), p95: percentile(all, 95), slowestTenthMean: mean(slow), n: all.length };
    data[name] = figures;
    return {
      benchmark: 'Notification latency hops',
      metric: `${name}: p50 / p95 / mean of the slowest 10 % (n=${all.length})`,
      ours: `${fmt(figures.p50)} / ${fmt(figures.p95)} / ${fmt(figures.slowestTenthMean)} ms`,
      baseline: '',
      ratio: '',
      method: 'LOCAL_HOP_TRACE=1: timestamps taken by the in-process stack around the relay and notifier handlers, the SQS SentTimestamp, the sandbox receivedAt',
    };
  });
  return { rows, data };
}

type RequestCounts = Record<string, { count: number; ms: number; lockWaitMs: number }>;

async function requestStats(endpoint: string, reset = false): Promise<RequestCounts> {
  const res = await fetch(`${endpoint}/moto-api/local-stats`, { method: reset ? 'POST' : 'GET' });
  if (!res.ok) throw new Error(`the emulator has no request stats (HTTP ${res.status}): start it with MOTO_REQUEST_STATS=1`);
  return (await res.json()) as RequestCounts;
}

/** Emulator requests of an idle stack over `ms`, per second by kind. */
export async function idleRequests(endpoint: string, ms = 3000): Promise<Record<string, number>> {
  await requestStats(endpoint, true);
  await sleep(ms);
  const counts = await requestStats(endpoint);
  return Object.fromEntries(Object.entries(counts).map(([kind, c]) => [kind, c.count / (ms / 1000)]));
}

export const resetRequests = (endpoint: string): Promise<RequestCounts> => requestStats(endpoint, true);

/** Emulator requests since the last reset, per deposit by kind, with their handler time. */
export async function requestsPerDeposit(endpoint: string, deposits: number, idlePerSecond: Record<string, number>, elapsedMs: number): Promise<{ rows: BenchRow[]; data: Record<string, unknown> }> {
  const counts = await requestStats(endpoint);
  const data: Record<string, unknown> = {};
  const rows = Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, c]) => {
      const perDeposit = c.count / deposits;
      const idleShare = ((idlePerSecond[kind] ?? 0) * elapsedMs) / 1000 / deposits;
      const figures = { perDeposit, idlePollsPerDeposit: idleShare, msPerRequest: c.ms / c.count, lockWaitMsPerRequest: c.lockWaitMs / c.count, idlePerSecond: idlePerSecond[kind] ?? 0 };
      data[kind] = figures;
      return {
        benchmark: 'Notification latency requests',
        metric: `${kind}: per deposit (of which idle-rate polls) · ms per request (lock wait)`,
        ours: `${perDeposit.toFixed(2)} (${idleShare.toFixed(2)}) · ${figures.msPerRequest.toFixed(1)} (${figures.lockWaitMsPerRequest.toFixed(1)})`,
        baseline: '',
        ratio: '',
        method: `MOTO_REQUEST_STATS=1: every emulator request during the counted deposits (the deposits' own and the background work and polling they overlap), ${figures.idlePerSecond.toFixed(1)}/s when idle`,
      };
    });
  return { rows, data };
}
