import { openAccount, postJson } from '../api-client';
import { fmt, type BenchRow } from '../report';
import { capturedMessages, sleep } from '../sandbox-client';
import { summarize } from '../stats';
import { requireTarget, type Benchmark } from './types';

const DEPOSITED = /^Alert: \$([\d,.]+) deposited/;

/**
 * Closed loop: a few SMS-enabled customers, each making a deposit and waiting for its SMS before
 * the next one, so no backlog builds up and the figure is the pipeline's latency, not a queue's.
 * Every deposit on an account has a distinct whole-dollar amount, so each SMS maps to one call.
 */
export const notificationLatency: Benchmark = {
  name: 'End-to-end notification latency',
  needsStack: true,
  async run(ctx) {
    const target = requireTarget(ctx);
    const total = ctx.quick ? 40 : 200;
    const workers = 4;
    const accounts = await Promise.all(Array.from({ length: workers }, async () => openAccount(target, await target.newCustomer(), { sms: true })));

    ctx.progress.start('deposit → SMS', total);
    const latencies: number[] = [];
    let missing = 0;
    let failed = 0;
    let next = 0;
    await Promise.all(
      accounts.map(async (account) => {
        for (let amount = 1; next < total; amount++) {
          next++;
          const res = await postJson(target.apiUrl, '/deposit', { accountId: account.accountId, amount }, account.auth);
          const okAt = Date.now();
          if (res.status !== 200) {
            failed++;
            ctx.progress.increment();
            continue;
          }
          const deadline = okAt + 30_000;
          let receivedAt: number | undefined;
          while (receivedAt === undefined && Date.now() < deadline) {
            await sleep(50);
            const hit = (await capturedMessages(target.sandboxUrl, `?to=${encodeURIComponent(account.phone)}`)).find(
              (m) => Number(DEPOSITED.exec(m.body)?.[1]?.replaceAll(',', '')) === amount,
            );
            if (hit) receivedAt = Date.parse(hit.receivedAt);
          }
          if (receivedAt === undefined) missing++;
          else latencies.push(receivedAt - okAt);
          ctx.progress.increment();
        }
      }),
    );
    ctx.progress.stop();
    const s = summarize(latencies);
    const rows: BenchRow[] = [
      {
        benchmark: 'Notification latency',
        metric: `API 200 → SMS captured, p50 / p95 / p99 (n=${s.count}${missing || failed ? `, missing ${missing}, API errors ${failed}` : ''})`,
        ours: `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} ms`,
        baseline: '',
        ratio: '',
        method: `${total} deposits by ${workers} SMS-only customers, each waiting for its SMS before the next deposit (closed loop); latency = sandbox receivedAt (ms) − client time of the 200, same process clock; path: DynamoDB stream → relay → SNS → SQS → notify-sms → Twilio sandbox through the local stack's pollers`,
      },
    ];
    return { rows, data: { total, workers, latencyMs: s, missing, apiErrors: failed } };
  },
};
