import { run } from '@bank/bankctl';
import type { LocalStack } from '../../src/stack';

/** `dlq list --json` as bankctl prints it (the fields these tests read). */
export interface DlqListing {
  total: number;
  count: number;
  messages: {
    eventId: string | null;
    type: string | null;
    accountId: string | null;
    reason: string;
    failure: { source: string; class?: string; reason?: string; code?: string; provider?: string; attempts?: number; at?: string } | null;
  }[];
}

/** `dlq replay --json` summary. */
export interface ReplaySummary {
  dryRun: boolean;
  matched: number;
  replayed: number;
  failed: number;
  messages: { eventId: string | null; status: string }[];
}

export interface BankctlResult<T> {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed stdout when the command printed JSON. */
  json: T;
}

/** Runs bankctl in-process against the stack's emulator, the way an operator would from a shell. */
export async function bankctl<T = unknown>(stack: LocalStack, ...argv: string[]): Promise<BankctlResult<T>> {
  let stdout = '';
  let stderr = '';
  const code = await run(['--endpoint', stack.endpoint, ...argv], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { AWS_REGION: 'us-east-1' },
  });
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, stdout, stderr, json: json as T };
}

export async function dlqList(stack: LocalStack, ...filters: string[]): Promise<DlqListing> {
  const res = await bankctl<DlqListing>(stack, 'dlq', 'list', '--channel', 'email', ...filters, '--json');
  if (res.code !== 0) throw new Error(`bankctl dlq list exited ${res.code}: ${res.stderr}`);
  return res.json;
}

/** Polls `dlq list` until `done` holds (or the time runs out) and returns the last listing. */
export async function waitForDlq(stack: LocalStack, filters: string[], done: (l: DlqListing) => boolean, timeoutMs = 20_000): Promise<DlqListing> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listing = await dlqList(stack, ...filters);
    if (done(listing) || Date.now() > deadline) return listing;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function setFault(stack: LocalStack, fault: { provider: 'sendgrid' | 'smtp' | 'twilio'; status: number; count?: number }): Promise<void> {
  const res = await fetch(`${stack.sandboxUrl}/api/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault) });
  if (res.status !== 201) throw new Error(`sandbox refused the fault: HTTP ${res.status}`);
}

export async function clearFaults(stack: LocalStack): Promise<void> {
  await fetch(`${stack.sandboxUrl}/api/faults`, { method: 'DELETE' });
}

export async function refusedCalls(stack: LocalStack): Promise<Record<string, number>> {
  return ((await (await fetch(`${stack.sandboxUrl}/api/faults`)).json()) as { refused: Record<string, number> }).refused;
}
