import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoAccountStore, type MovementPlan } from '@bank/account-service/dynamodb';
import { DEFAULT_RISK_POLICY } from '@bank/risk-policy';
import { ulid } from 'ulid';
import { expectOk, openAccount, postJson, sendJson } from '../api-client';
import { eventQueueNames, waitForIdleQueues } from '../idle-queues';
import { fmt, fmtRatio, type BenchRow } from '../report';
import { median, rate, ratio, summarize, type Summary } from '../stats';
import type { BenchCustomer, BenchTarget } from '../target';
import { requireTarget, type Benchmark } from './types';

interface RunResult {
  readonly ops: number;
  readonly opsPerSecond: number;
  readonly latency: Summary;
  /** Failed operations by what they got (an HTTP status or an error name). */
  readonly errors: Readonly<Record<string, number>>;
}

const errorCount = (run: Pick<RunResult, 'errors'>) => Object.values(run.errors).reduce((sum, n) => sum + n, 0);

/**
 * Runs `total` operations (or as many as fit in `budgetMs`) with `concurrency` workers; worker w
 * runs op(w, i) for its i-th operation.
 */
async function closedLoop(total: number, concurrency: number, op: (worker: number, i: number) => Promise<void>, budgetMs = Number.POSITIVE_INFINITY): Promise<RunResult> {
  const latencies: number[] = [];
  let next = 0;
  const errors: Record<string, number> = {};
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
        } catch (error) {
          const kind = error instanceof Error ? error.message : 'error';
          errors[kind] = (errors[kind] ?? 0) + 1;
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  return { ops: latencies.length + errorCount({ errors }), opsPerSecond: rate(latencies.length, elapsed), latency: summarize(latencies), errors };
}

/** Through the HTTP API: worker w deposits $2 then withdraws $1 on its own account, alternately. */
function oursOp(apiUrl: string, accounts: readonly string[], auth: Readonly<Record<string, string>>) {
  return async (worker: number, i: number) => {
    const accountId = accounts[worker] ?? '';
    const res = await postJson(apiUrl, i % 2 === 0 ? '/deposit' : '/withdraw', { accountId, amount: i % 2 === 0 ? 2 : 1 }, auth);
    if (res.status !== 200) throw new Error(`HTTP ${res.status} ${String(res.json.code ?? '')}`.trim());
  };
}

interface RawAccount {
  readonly accountId: string;
  balance: number;
  version: number;
}

/**
 * The API's calls without the API: the account store (the adapter the API uses) reads the account
 * (consistent GetItem) and commits the movement the core would decide, item for item (the balance
 * update conditioned on version and status, the velocity list the risk rules keep on the account,
 * the transaction record with its notified channels and, past the velocity limit in shadow mode,
 * the rule that would have fired; for a withdrawal the daily counter). No HTTP, no token, no
 * validation, no policy evaluation, no lock.
 */
function rawSameCallsOp(store: DynamoAccountStore, accounts: readonly RawAccount[]) {
  const velocity = DEFAULT_RISK_POLICY.velocity;
  return async (worker: number, i: number) => {
    const { accountId } = accounts[worker] ?? { accountId: '' };
    const account = await store.getAccount(accountId);
    if (!account) throw new Error('no account');
    const deposit = i % 2 === 0;
    const amount = deposit ? 200 : 100;
    const now = new Date();
    const timestamp = now.toISOString();
    const newBalance = account.balance + (deposit ? amount : -amount);
    const inWindow = account.recentDebits.filter((at) => at > now.getTime() - velocity.windowMinutes * 60_000);
    const transactionId = ulid();
    const plan: MovementPlan = {
      changes: [
        {
          accountId,
          expectedVersion: account.version,
          newBalance,
          statuses: deposit ? ['OPEN', 'FROZEN'] : ['OPEN'],
          ...(deposit ? {} : { recentDebits: [...inWindow, now.getTime()].slice(-velocity.maxDebits) }),
        },
      ],
      records: [
        {
          transactionId,
          accountId,
          type: deposit ? 'DEPOSIT' : 'WITHDRAWAL',
          amount,
          balanceAfter: newBalance,
          currency: account.currency,
          timestamp,
          correlationId: transactionId,
          notify: [],
          ...(!deposit && inWindow.length >= velocity.maxDebits ? { riskRules: ['velocity'] } : {}),
        },
      ],
      ...(deposit ? {} : { dailyDebit: { accountId, day: timestamp.slice(0, 10), amount, limit: 1_000_000_00 } }),
      timestamp,
    };
    await store.commitMovement(plan);
  };
}

/**
 * Straight to the emulator: a TransactWriteItems of the shape the API's store writes for the
 * movement (conditional balance update on the version, the transaction record, for a withdrawal
 * the daily counter), with the version tracked in memory instead of read.
 */
function rawWriteOp(doc: DynamoDBDocumentClient, table: string, accounts: readonly RawAccount[]) {
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

/**
 * Runs `use` with the risk policy in shadow mode, then puts the stored policy back. Shadow mode
 * evaluates every rule and records what would have fired but refuses nothing: the same work as
 * enforce mode, without the velocity rule (20 debits an hour) refusing the bench's hundreds of
 * withdrawals per account.
 */
async function withShadowPolicy<T>(target: BenchTarget, use: () => Promise<T>): Promise<T> {
  const operator = await target.newCustomer({ operator: true });
  const stored = await sendJson(target.apiUrl, 'GET', '/risk/policy', undefined, operator.auth);
  if (stored.status !== 200) throw new Error(`GET /risk/policy answered ${stored.status}`);
  const { version: _version, updatedAt: _updatedAt, updatedBy: _updatedBy, ...policy } = stored.json;
  await expectOk(sendJson(target.apiUrl, 'PUT', '/risk/policy', { ...policy, mode: 'shadow' }, operator.auth), 'PUT /risk/policy (shadow)');
  try {
    return await use();
  } finally {
    await expectOk(sendJson(target.apiUrl, 'PUT', '/risk/policy', policy, operator.auth), 'PUT /risk/policy (restore)');
  }
}

const latencyText = (s: Pick<Summary, 'p50' | 'p95' | 'p99'>) => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} ms`;

interface Picked {
  readonly opsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly errors: Readonly<Record<string, number>>;
}

function pick(runs: readonly RunResult[]): Picked {
  const errors: Record<string, number> = {};
  for (const run of runs) for (const [kind, n] of Object.entries(run.errors)) errors[kind] = (errors[kind] ?? 0) + n;
  return {
    opsPerSecond: median(runs.map((x) => x.opsPerSecond)),
    p50: median(runs.map((x) => x.latency.p50)),
    p95: median(runs.map((x) => x.latency.p95)),
    p99: median(runs.map((x) => x.latency.p99)),
    errors,
  };
}

const errorsText = (label: string, p: Picked) => {
  const n = errorCount(p);
  return n > 0 ? `${label} ${n} (${Object.entries(p.errors).map(([kind, count]) => `${kind} ×${count}`).join(', ')})` : '';
};

export const apiThroughput: Benchmark = {
  name: 'API throughput and latency',
  needsStack: true,
  async run(ctx) {
    const target = requireTarget(ctx);
    const levels = [1, 8, 32];
    const rounds = ctx.quick ? 1 : 3;
    // The first run of ours at each level is time-boxed; its count becomes N for every later run.
    const budgetMs = ctx.quick ? 2_500 : 6_000;
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: target.endpoint, region: target.region }), { marshallOptions: { removeUndefinedValues: true } });
    const store = new DynamoAccountStore(doc, target.accountsTable);
    const sqs = new SQSClient({ endpoint: target.endpoint, region: target.region });
    const maxLevel = Math.max(...levels);
    const customer = await target.newCustomer();
    const oursAccounts = (await openAccounts(target, customer, maxLevel)).map((a) => a.accountId);
    const sameCallsAccounts = await rawAccounts(target, customer, doc, maxLevel);
    const writeOnlyAccounts = await rawAccounts(target, customer, doc, maxLevel);

    const sides = {
      ours: (n: number, c: number, budget?: number) => closedLoop(n, c, oursOp(target.apiUrl, oursAccounts, customer.auth), budget),
      sameCalls: (n: number, c: number) => closedLoop(n, c, rawSameCallsOp(store, sameCallsAccounts)),
      writeOnly: (n: number, c: number) => closedLoop(n, c, rawWriteOp(doc, target.accountsTable, writeOnlyAccounts)),
    };
    type Side = keyof typeof sides;
    const order: readonly Side[][] = [
      ['sameCalls', 'writeOnly', 'ours'],
      ['ours', 'sameCalls', 'writeOnly'],
      ['writeOnly', 'ours', 'sameCalls'],
    ];

    ctx.progress.start('rounds (ours, raw same calls, raw write)', levels.length * rounds);
    const rows: BenchRow[] = [];
    const data: Record<string, unknown> = { riskPolicy: 'shadow mode, cached as deployed (RISK_POLICY_MAX_AGE_SECONDS=30 on a started stack)' };
    await withShadowPolicy(target, async () => {
      for (const c of levels) {
        // Every level starts from the same state: the events the level before left are handled.
        const settled = await waitForIdleQueues(sqs, eventQueueNames(target.topology));
        const runs: Record<Side, RunResult[]> = { ours: [], sameCalls: [], writeOnly: [] };
        const first = await sides.ours(Number.MAX_SAFE_INTEGER, c, budgetMs);
        runs.ours.push(first);
        const n = Math.max(c, first.ops);
        runs.sameCalls.push(await sides.sameCalls(n, c));
        runs.writeOnly.push(await sides.writeOnly(n, c));
        ctx.progress.increment();
        // Interleaved, rotating which side goes first, so drift on a shared machine hits all alike.
        for (let r = 1; r < rounds; r++) {
          for (const side of order[r % order.length] ?? []) runs[side].push(await sides[side](n, c));
          ctx.progress.increment();
        }
        const o = pick(runs.ours);
        const same = pick(runs.sameCalls);
        const write = pick(runs.writeOnly);
        data[`concurrency${c}`] = { opsPerRun: n, rounds, settled, ours: o, rawSameCalls: same, rawWrite: write, runs };
        const start = settled.idle ? `started once the event queues were empty (${fmt(settled.waitedMs / 1000)} s)` : `started with the event queues still busy after ${fmt(settled.waitedMs / 1000)} s`;
        const how = `${n} ops (the count ours completed in a ${budgetMs / 1000} s first run; alternating deposit/withdraw, one account per worker) × ${rounds} interleaved round(s), ${start}; median of rounds. Ours: HTTP POST through the local gateway (token verified, its verdict cached) to the API (GetItem + TransactWriteItems per op; the risk policy cached 30 s, in shadow mode)`;
        const errors = [errorsText('ours', o), errorsText('raw', same), errorsText('raw write', write)].filter(Boolean).join('; ');
        rows.push({
          benchmark: 'API throughput',
          metric: `ops/s at concurrency ${c}, vs raw GetItem + TransactWriteItems${errors ? ` (errors: ${errors})` : ''}`,
          ours: fmt(o.opsPerSecond),
          baseline: fmt(same.opsPerSecond),
          ratio: fmtRatio(ratio(o.opsPerSecond, same.opsPerSecond)),
          method: `${how}. Raw: the same calls with the same items, through the account store alone (consistent GetItem of the account, then the TransactWriteItems the core would commit: velocity list, record, daily counter) to the same moto${c === 8 ? '; goal ≥ 0.85×' : ''}`,
        });
        rows.push({
          benchmark: 'API throughput',
          metric: `ops/s at concurrency ${c}`,
          ours: fmt(o.opsPerSecond),
          baseline: fmt(write.opsPerSecond),
          ratio: fmtRatio(ratio(o.opsPerSecond, write.opsPerSecond)),
          method: 'same runs; baseline: the TransactWriteItems alone, version tracked in memory (no read)',
        });
        rows.push({
          benchmark: 'API latency',
          metric: `p50 / p95 / p99 at concurrency ${c}, vs raw GetItem + TransactWriteItems`,
          ours: latencyText(o),
          baseline: latencyText(same),
          ratio: `${fmtRatio(ratio(o.p50, same.p50))} (p50)`,
          method: `client-side wall time per op, same runs (raw TransactWriteItems alone: ${latencyText(write)})`,
        });
      }
    });
    ctx.progress.stop();
    const throughput = (c: number) => (data[`concurrency${c}`] as { ours: Picked } | undefined)?.ours.opsPerSecond ?? Number.NaN;
    data.concurrency32NotBelow8 = throughput(32) >= throughput(8);
    doc.destroy();
    sqs.destroy();
    return { rows, data };
  },
};
