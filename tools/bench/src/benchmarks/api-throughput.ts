import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { openAccount, postJson } from '../api-client';
import { fmt, fmtRatio, type BenchRow } from '../report';
import { median, rate, ratio, summarize, type Summary } from '../stats';
import type { BenchCustomer, BenchTarget } from '../target';
import { requireTarget, type Benchmark } from './types';

interface RunResult {
  readonly ops: number;
  readonly opsPerSecond: number;
  readonly latency: Summary;
  readonly errors: number;
}

/**
 * Runs `total` operations (or as many as fit in `budgetMs`) with `concurrency` workers; worker w
 * runs op(w, i) for its i-th operation.
 */
async function closedLoop(
  total: number,
  concurrency: number,
  op: (worker: number, i: number) => Promise<void>,
  tick: () => void,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<RunResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const stopAt = started + budgetMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; next < total && performance.now() < stopAt; i++) {
        next++;
        const t0 = performance.now();
        try {
          await op(worker, i);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
        tick();
      }
    }),
  );
  const elapsed = performance.now() - started;
  return { ops: latencies.length + errors, opsPerSecond: rate(latencies.length, elapsed), latency: summarize(latencies), errors };
}

/** Through the HTTP API: worker w deposits $2 then withdraws $1 on its own account, alternately. */
function oursOp(apiUrl: string, accounts: readonly string[], auth: Readonly<Record<string, string>>) {
  return async (worker: number, i: number) => {
    const accountId = accounts[worker] ?? '';
    const res = await postJson(apiUrl, i % 2 === 0 ? '/deposit' : '/withdraw', { accountId, amount: i % 2 === 0 ? 2 : 1 }, auth);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  };
}

interface RawAccount {
  readonly accountId: string;
  balance: number;
  version: number;
}

/**
 * Straight to the emulator: the same TransactWriteItems the API's store writes for the movement
 * (conditional balance update on the version, the transaction record, for a withdrawal the daily
 * counter), with the version tracked in memory instead of read first.
 */
function rawOp(doc: DynamoDBDocumentClient, table: string, accounts: readonly RawAccount[]) {
  return async (worker: number, i: number) => {
    const account = accounts[worker];
    if (!account) throw new Error('no account');
    const deposit = i % 2 === 0;
    const amount = deposit ? 200 : 100;
    const balance = account.balance + (deposit ? amount : -amount);
    const now = new Date().toISOString();
    const transactionId = ulid();
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: { AccountID: account.accountId, TransactionID: 'ACCOUNT' },
              UpdateExpression: 'SET balance = :balance, version = :next, updatedAt = :now',
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':balance': balance, ':next': account.version + 1, ':expected': account.version, ':now': now },
            },
          },
          {
            Put: {
              TableName: table,
              Item: {
                AccountID: account.accountId,
                TransactionID: `TX#${transactionId}`,
                recordType: 'TRANSACTION',
                transactionId,
                accountId: account.accountId,
                type: deposit ? 'DEPOSIT' : 'WITHDRAWAL',
                amount,
                balanceAfter: balance,
                currency: 'USD',
                timestamp: now,
                correlationId: transactionId,
              },
              ConditionExpression: 'attribute_not_exists(TransactionID)',
            },
          },
          ...(deposit
            ? []
            : [
                {
                  Update: {
                    TableName: table,
                    Key: { AccountID: `LIMIT#${account.accountId}`, TransactionID: `WITHDRAWN#${now.slice(0, 10)}` },
                    UpdateExpression: 'ADD withdrawn :amount SET expiresAt = :ttl',
                    ConditionExpression: 'attribute_not_exists(withdrawn) OR withdrawn <= :cap',
                    ExpressionAttributeValues: { ':amount': amount, ':cap': 1_000_000_00, ':ttl': Math.floor(Date.now() / 1000) + 172_800 },
                  },
                },
              ]),
        ],
      }),
    );
    account.balance = balance;
    account.version++;
  };
}

async function rawAccounts(target: BenchTarget, customer: BenchCustomer, doc: DynamoDBDocumentClient, n: number): Promise<RawAccount[]> {
  const accounts: RawAccount[] = [];
  for (const { accountId } of await openAccounts(target, customer, n)) {
    const out = await doc.send(new GetCommand({ TableName: target.accountsTable, Key: { AccountID: accountId, TransactionID: 'ACCOUNT' }, ConsistentRead: true }));
    const item = out.Item ?? {};
    accounts.push({ accountId, balance: Number(item.balance), version: Number(item.version) });
  }
  return accounts;
}

async function openAccounts(target: BenchTarget, customer: BenchCustomer, n: number): Promise<{ accountId: string }[]> {
  const opened: { accountId: string }[] = [];
  while (opened.length < n) {
    const batch = Math.min(8, n - opened.length);
    opened.push(...(await Promise.all(Array.from({ length: batch }, () => openAccount(target, customer, { initialDeposit: 1000 })))));
  }
  return opened;
}

const latencyText = (s: Summary) => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} ms`;

export const apiThroughput: Benchmark = {
  name: 'API throughput and latency',
  needsStack: true,
  async run(ctx) {
    const target = requireTarget(ctx);
    const levels = [1, 8, 32];
    const rounds = ctx.quick ? 1 : 3;
    // The first run of ours at each level is time-boxed; its count becomes N for every later run.
    const budgetMs = ctx.quick ? 2_500 : 6_000;
    const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: target.endpoint, region: target.region }));
    const maxLevel = Math.max(...levels);
    const customer = await target.newCustomer();
    const oursAccounts = (await openAccounts(target, customer, maxLevel)).map((a) => a.accountId);
    const rawAccountList = await rawAccounts(target, customer, raw, maxLevel);

    ctx.progress.start('rounds (ours + raw)', levels.length * rounds);
    const tick = () => undefined;
    const rows: BenchRow[] = [];
    const data: Record<string, unknown> = {};
    for (const c of levels) {
      const ours: RunResult[] = [];
      const baseline: RunResult[] = [];
      const runOurs = async (n: number, budget?: number) => {
        const result = await closedLoop(n, c, oursOp(target.apiUrl, oursAccounts, customer.auth), tick, budget);
        ours.push(result);
        return result.ops;
      };
      const runRaw = async (n: number) => baseline.push(await closedLoop(n, c, rawOp(raw, target.accountsTable, rawAccountList), tick));
      const n = Math.max(c, await runOurs(Number.MAX_SAFE_INTEGER, budgetMs));
      await runRaw(n);
      ctx.progress.increment();
      for (let r = 1; r < rounds; r++) {
        // Interleaved, alternating which goes first, so drift on a shared machine hits both.
        if (r % 2 === 1) {
          await runRaw(n);
          await runOurs(n);
        } else {
          await runOurs(n);
          await runRaw(n);
        }
        ctx.progress.increment();
      }
      const pick = (runs: RunResult[]) => ({
        opsPerSecond: median(runs.map((x) => x.opsPerSecond)),
        p50: median(runs.map((x) => x.latency.p50)),
        p95: median(runs.map((x) => x.latency.p95)),
        p99: median(runs.map((x) => x.latency.p99)),
        errors: runs.reduce((sum, x) => sum + x.errors, 0),
      });
      const o = pick(ours);
      const b = pick(baseline);
      data[`concurrency${c}`] = { opsPerRun: n, rounds, ours: o, raw: b, oursRuns: ours, rawRuns: baseline };
      const how = `${n} ops (the count ours completed in a ${budgetMs / 1000} s first run; alternating deposit/withdraw, one account per worker) × ${rounds} interleaved round(s); median of rounds. Ours: HTTP POST to the local API (GetItem + TransactWriteItems per op). Raw: the same-shaped TransactWriteItems sent with the SDK straight to the same moto, version tracked in memory`;
      const errors = o.errors + b.errors > 0 ? ` (errors: ours ${o.errors}, raw ${b.errors})` : '';
      rows.push({
        benchmark: 'API throughput',
        metric: `ops/s at concurrency ${c}${errors}`,
        ours: fmt(o.opsPerSecond),
        baseline: fmt(b.opsPerSecond),
        ratio: fmtRatio(ratio(o.opsPerSecond, b.opsPerSecond)),
        method: how,
      });
      rows.push({
        benchmark: 'API latency',
        metric: `p50 / p95 / p99 at concurrency ${c}`,
        ours: latencyText({ ...o, count: 0, mean: 0, max: 0 }),
        baseline: latencyText({ ...b, count: 0, mean: 0, max: 0 }),
        ratio: `${fmtRatio(ratio(o.p50, b.p50))} (p50)`,
        method: 'client-side wall time per op, same runs as the row above',
      });
    }
    ctx.progress.stop();
    raw.destroy();
    return { rows, data };
  },
};
