import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { fmt, fmtBytes, fmtRatio, type BenchRow } from '../report';
import { median, ratio } from '../stats';
import { REPO_ROOT } from '../target';
import type { Benchmark } from './types';

interface Deployable {
  readonly name: string;
  readonly entry: string;
  /** Module-scope code of the baseline: the same SDK clients the handler creates at init, nothing else. */
  readonly baseline: string;
}

const DYNAMO_DOC = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));`;

const DEPLOYABLES: readonly Deployable[] = [
  { name: 'account api', entry: 'services/account/src/handlers/api.ts', baseline: DYNAMO_DOC },
  {
    name: 'outbox relay',
    entry: 'services/account/src/handlers/relay.ts',
    baseline: `import { SNSClient } from '@aws-sdk/client-sns';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
export const clients = [new SNSClient({}), new EventBridgeClient({})];`,
  },
  {
    name: 'notify-email',
    entry: 'services/notify-email/src/handler.ts',
    baseline: `${DYNAMO_DOC}\nimport { SQSClient } from '@aws-sdk/client-sqs';\nexport const sqs = new SQSClient({});`,
  },
  {
    name: 'notify-sms',
    entry: 'services/notify-sms/src/handler.ts',
    baseline: `${DYNAMO_DOC}\nimport { SQSClient } from '@aws-sdk/client-sqs';\nexport const sqs = new SQSClient({});`,
  },
];

const BUILD_OPTIONS = { bundle: true, minify: true, platform: 'node', target: 'node22', format: 'cjs', write: true, logLevel: 'silent' } as const;

/** Env a Lambda would have, so module initialisation runs the way it does there (and never reaches AWS). */
const INIT_ENV = {
  ...process.env,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:TransactionEventsTopic',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Wall time of `node -e "require(file)"`, from spawn to exit; fails if the module throws. */
function timeRequire(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(file)})`], { env: INIT_ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const elapsed = performance.now() - started;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`requiring ${path.basename(file)} exited with ${code}: ${stderr.slice(0, 300)}`));
    });
  });
}

export const coldStart: Benchmark = {
  name: 'Cold start',
  needsStack: false,
  async run(ctx) {
    const spawns = ctx.quick ? 5 : 20;
    const dir = mkdtempSync(path.join(tmpdir(), 'bank-bench-'));
    try {
      ctx.progress.start('bundling', DEPLOYABLES.length * 2);
      const bundles: { d: Deployable; ours: string; baseline: string }[] = [];
      for (const d of DEPLOYABLES) {
        const slug = d.name.replaceAll(' ', '-');
        const ours = path.join(dir, `${slug}.js`);
        const baseline = path.join(dir, `${slug}-sdk-only.js`);
        await build({ ...BUILD_OPTIONS, entryPoints: [path.join(REPO_ROOT, d.entry)], outfile: ours, absWorkingDir: REPO_ROOT });
        ctx.progress.increment();
        await build({ ...BUILD_OPTIONS, stdin: { contents: d.baseline, resolveDir: REPO_ROOT, sourcefile: `${slug}-sdk-only.ts`, loader: 'ts' }, outfile: baseline });
        ctx.progress.increment();
        bundles.push({ d, ours, baseline });
      }
      ctx.progress.stop();

      ctx.progress.start('node -e require(bundle)', spawns * (bundles.length * 2 + 1));
      const times = new Map<string, number[]>();
      const record = (key: string, ms: number) => {
        times.set(key, [...(times.get(key) ?? []), ms]);
        ctx.progress.increment();
      };
      const empty = path.join(dir, 'empty.js');
      await build({ ...BUILD_OPTIONS, stdin: { contents: '', resolveDir: REPO_ROOT }, outfile: empty });
      // Interleaved: each round times every bundle once, so load on the machine affects all alike.
      for (let i = 0; i < spawns; i++) {
        record('empty', await timeRequire(empty));
        for (const b of bundles) {
          record(b.ours, await timeRequire(b.ours));
          record(b.baseline, await timeRequire(b.baseline));
        }
      }
      ctx.progress.stop();

      const bare = median(times.get('empty') ?? []);
      const rows: BenchRow[] = [];
      const data: Record<string, unknown> = { spawns, bareNodeMedianMs: bare };
      for (const b of bundles) {
        const size = statSync(b.ours).size;
        const baseSize = statSync(b.baseline).size;
        const init = median(times.get(b.ours) ?? []);
        const baseInit = median(times.get(b.baseline) ?? []);
        data[b.d.name] = { entry: b.d.entry, bytes: size, baselineBytes: baseSize, initMedianMs: init, baselineInitMedianMs: baseInit };
        rows.push({
          benchmark: 'Cold start',
          metric: `${b.d.name}: bundle size`,
          ours: fmtBytes(size),
          baseline: fmtBytes(baseSize),
          ratio: fmtRatio(ratio(size, baseSize)),
          method: `esbuild bundle+minify, node22 cjs, of ${b.d.entry}; baseline bundles only the SDK clients the handler creates (and creates them)`,
        });
        rows.push({
          benchmark: 'Cold start',
          metric: `${b.d.name}: module init (median of ${spawns})`,
          ours: fmt(init, ' ms'),
          baseline: fmt(baseInit, ' ms'),
          ratio: fmtRatio(ratio(init, baseInit)),
          method: `wall time of \`node -e "require(bundle)"\` from spawn to exit, interleaved; nothing subtracted (bare \`node -e\` of an empty bundle: ${fmt(bare, ' ms')})`,
        });
      }
      return { rows, data };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
