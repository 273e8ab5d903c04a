import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildTopology, type Topology } from '@bank/topology';
// @bank/local has no package entry point yet; its stack module is the supported way to start the system in-process.
import { startLocalStack, REPO_ROOT } from '@bank/local';

export { REPO_ROOT };

/** What the benchmarks run against: a local stack this process started, or one already running. */
export interface BenchTarget {
  readonly apiUrl: string;
  readonly sandboxUrl: string;
  readonly endpoint: string;
  readonly region: string;
  readonly accountsTable: string;
  readonly deliveriesTable: string;
  readonly topology: Topology;
  /** `started` when this process owns the stack (and stops it), `attached` for a running one. */
  readonly origin: 'started' | 'attached';
  stop(): Promise<void>;
}

const quietLog = { info: () => undefined, warn: () => undefined };

export async function startTarget(): Promise<BenchTarget> {
  const stack = await startLocalStack({ port: 0, sandboxPort: 0, smtpPort: 0, seedDemo: false, writeStackFile: false, log: quietLog });
  return {
    apiUrl: stack.apiUrl,
    sandboxUrl: stack.sandboxUrl,
    endpoint: stack.endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    accountsTable: stack.resources.accountsTable,
    deliveriesTable: stack.resources.deliveriesTable,
    topology: stack.topology,
    origin: 'started',
    stop: () => stack.stop(),
  };
}

interface StackFile {
  endpoint: string;
  region: string;
  apiUrl: string;
  sandboxUrl: string;
}

function isStackFile(value: unknown): value is StackFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['endpoint', 'region', 'apiUrl', 'sandboxUrl'].every((k) => typeof v[k] === 'string');
}

/** Uses the stack `npm start` is running (it writes .local/stack.json); table names are the topology's. */
export function attachTarget(file = path.join(REPO_ROOT, '.local', 'stack.json')): BenchTarget {
  if (!existsSync(file)) throw new Error(`no running stack: ${file} does not exist (start one with \`npm start\`)`);
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isStackFile(parsed)) throw new Error(`${file} is not a stack file`);
  const topology = buildTopology();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: parsed.endpoint,
    AWS_REGION: parsed.region,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
  });
  return {
    ...parsed,
    accountsTable: topology.accountsTable.name,
    deliveriesTable: topology.deliveriesTable.name,
    topology,
    origin: 'attached',
    stop: async () => undefined,
  };
}
