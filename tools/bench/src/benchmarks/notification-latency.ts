import { openAccount, postJson } from '../api-client';
import { fmt, type BenchRow } from '../report';
import { capturedMessages, sleep } from '../sandbox-client';
import { summarize } from '../stats';
import { hopBreakdown, idleRequests, requestsPerDeposit, requestStatsRequested, resetRequests, traceRequested, type TracedDeposit } from './notification-trace';
import { requireTarget, type Benchmark } from './types';

const DEPOSITED = /^Alert: \$([\d,.]+) deposited/;

/**
 * Makes a deposit and waits for its SMS; the latency from the API's 200 to the sandbox's receipt,
 * or undefined (none within 30 s) or 'failed'. `traced` collects the deposit's timestamps (opt-in profiling).
 */
async function depositAndWait(
  sandboxUrl: string,
  apiUrl: string,
  account: { accountId: string; phone: string; auth: Readonly<Record<string, string>> },
  amount: number,
  traced?: TracedDeposit[],
): Promise<number | undefined | 'failed'> {
  const res = await postJson(apiUrl, '/deposit', { accountId: account.accountId, amount }, account.auth);
  const okAt = Date.now();
  if (res.status !== 200) return 'failed';
  const deadline = okAt + 30_000;
  while (Date.now() < deadline) {
    await sleep(50);
    const hit = (await capturedMessages(sandboxUrl, `?to=${encodeURIComponent(account.phone)}`)).find((m) => Number(DEPOSITED.exec(m.body)?.[1]?.replaceAll(',', '')) === amount);
    if (hit) {
      const capturedAt = Date.parse(hit.receivedAt);
      if (traced && typeof res.json.transactionId === 'string') traced.push({ okAt, capturedAt, transactionId: res.json.transactionId });
      return capturedAt - okAt;
    }
  }
  return undefined;
}

/**
 * Closed loop: a few SMS-enabled customers, each making a deposit and waiting for its SMS before
 * the next one, so no backlog builds up and the figure is the pipeline's latency, not a queue's.
 * Every deposit on an account has a distinct whole-dollar amount, so each SMS maps to one call.
 * Each customer's first deposit is not counted: it loads the SMS provider (secrets, plugin), the
 * notifier's cold start, which the cold-start rows measure.
 */
export const notificationLatency: Benchmark = {
  name: 'End-to-end notification latency',
  needsStack: true,
  async run(ctx) {
    const target = requireTarget(ctx);
    const total = ctx.quick ? 40 : 200;
    const workers = 4;
    const accounts = await Promise.all(Array.from({ length: workers }, async () => openAccount(target, await target.newCustomer(), { sms: true })));

    // Opt-in profiling: hop timestamps (in-process stack) and emulator requests by kind.
    const traced: TracedDeposit[] | undefined = traceRequested() && target.origin === 'started' ? [] : undefined;
    const countRequests = requestStatsRequested();
    ctx.progress.start('deposit → SMS', total);
    const latencies: number[] = [];
    const warmUp: (number | undefined | 'failed')[] = [];
    let missing = 0;
    let failed = 0;
    let next = 0;
    const warm = async (account: (typeof accounts)[number]) => warmUp.push(await depositAndWait(target.sandboxUrl, target.apiUrl, account, 1));
    let idle: Record<string, number> = {};
    if (countRequests) {
      // Counting needs the warm-ups done and settled (callbacks, risk checks) and an idle sample.
      await Promise.all(accounts.map(warm));
      await sleep(1000);
      idle = await idleRequests(target.endpoint);
      await resetRequests(target.endpoint);
    }
    const startedAt = Date.now();
    await Promise.all(
      accounts.map(async (account) => {
        if (!countRequests) await warm(account);
        for (let amount = 2; next < total; amount++) {
          next++;
          const latency = await depositAndWait(target.sandboxUrl, target.apiUrl, account, amount, traced);
          if (latency === 'failed') failed++;
          else if (latency === undefined) missing++;
          else latencies.push(latency);
          ctx.progress.increment();
        }
      }),
    );
    const elapsedMs = Date.now() - startedAt;
    ctx.progress.stop();
    const hops = traced ? hopBreakdown(traced) : undefined;
    const requests = countRequests ? await requestsPerDeposit(target.endpoint, total, idle, elapsedMs) : undefined;
    const s = summarize(latencies);
    const rows: BenchRow[] = [
      {
        benchmark: 'Notification latency',
        metric: `API 200 → SMS captured, p50 / p95 / p99 (n=${s.count}${missing || failed ? `, missing ${missing}, API errors ${failed}` : ''})`,
        ours: `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} ms`,
        baseline: '',
        ratio: '',
        method: `${total} deposits by ${workers} SMS-only customers, each waiting for its SMS before the next deposit (closed loop), after one uncounted deposit each (the SMS provider's first load: ${warmUp.map((w) => (typeof w === 'number' ? `${Math.round(w)} ms` : String(w))).join(', ')}); latency = sandbox receivedAt (ms) − client time of the 200, same process clock; path: DynamoDB stream → relay → SNS → SQS → notify-sms → Twilio sandbox through the local stack's pollers; goal p95 ≤ 200 ms`,
      },
      ...(hops?.rows ?? []),
      ...(requests?.rows ?? []),
    ];
    return { rows, data: { total, workers, latencyMs: s, warmUpMs: warmUp, missing, apiErrors: failed, ...(hops ? { hops: hops.data } : {}), ...(requests ? { requests: requests.data, idleRequestsPerSecond: idle } : {}) } };
  },
};
