import { isProvider, type Provider, PROVIDERS } from './captured-message';
import { SandboxRequestError } from './errors';

/** What `POST /api/faults` accepts. At least one of `status` and `delayMs`. */
export interface FaultSpec {
  provider: Provider;
  /** HTTP status to fail with (400–599); omitted = only delay, then answer normally. */
  status?: number;
  /** Wait this long before answering (to trigger client timeouts). */
  delayMs?: number;
  /** How many calls the fault applies to; omitted = until cleared. */
  count?: number;
  /** SMTP reply code to use instead of the one derived from `status` (smtp only). */
  smtpCode?: number;
}

/** The fault one call is subject to. */
export interface Fault {
  provider: Provider;
  status: number | null;
  delayMs: number;
  smtpCode: number | null;
}

export interface FaultView extends Fault {
  /** Calls left; null = until cleared. */
  remaining: number | null;
}

export interface FaultsSnapshot {
  faults: FaultView[];
  refused: Record<Provider, number>;
}

const MAX_DELAY_MS = 10 * 60_000;

/** Faults armed per provider (one per provider; a new one replaces the old) and refusal counters. */
export class FaultPlan {
  private readonly faults = new Map<Provider, FaultView>();
  private refused = zeroCounts();

  arm(spec: FaultSpec): FaultView {
    const fault: FaultView = {
      provider: spec.provider,
      status: spec.status ?? null,
      delayMs: spec.delayMs ?? 0,
      smtpCode: spec.smtpCode ?? null,
      remaining: spec.count ?? null,
    };
    this.faults.set(spec.provider, fault);
    return { ...fault };
  }

  /** The fault the next call of `provider` is subject to, consuming one use of it. */
  take(provider: Provider): Fault | undefined {
    const fault = this.faults.get(provider);
    if (!fault) return undefined;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.delete(provider);
    }
    return { provider, status: fault.status, delayMs: fault.delayMs, smtpCode: fault.smtpCode };
  }

  recordRefused(provider: Provider): void {
    this.refused[provider] += 1;
  }

  snapshot(): FaultsSnapshot {
    return { faults: [...this.faults.values()].map((f) => ({ ...f })), refused: { ...this.refused } };
  }

  /** Disarms every fault and resets the refusal counters. */
  clear(): void {
    this.faults.clear();
    this.refused = zeroCounts();
  }
}

function zeroCounts(): Record<Provider, number> {
  return Object.fromEntries(PROVIDERS.map((p) => [p, 0])) as Record<Provider, number>;
}

/** Validates the JSON body of `POST /api/faults`. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('body must be a JSON object');
  const body = input as Record<string, unknown>;
  if (!isProvider(body.provider)) throw invalid(`provider must be one of ${PROVIDERS.join(', ')}`);
  const spec: FaultSpec = { provider: body.provider };
  if (body.status !== undefined) {
    if (!isIntegerIn(body.status, 400, 599)) throw invalid('status must be an integer from 400 to 599');
    spec.status = body.status;
  }
  if (body.delayMs !== undefined) {
    if (!isIntegerIn(body.delayMs, 0, MAX_DELAY_MS)) throw invalid(`delayMs must be an integer from 0 to ${MAX_DELAY_MS}`);
    spec.delayMs = body.delayMs;
  }
  if (body.count !== undefined && body.count !== null) {
    if (!isIntegerIn(body.count, 1, Number.MAX_SAFE_INTEGER)) throw invalid('count must be a positive integer');
    spec.count = body.count;
  }
  if (body.smtpCode !== undefined) {
    if (!isIntegerIn(body.smtpCode, 400, 599)) throw invalid('smtpCode must be an SMTP reply code from 400 to 599');
    spec.smtpCode = body.smtpCode;
  }
  if (spec.status === undefined && !spec.delayMs) throw invalid('give status, delayMs or both');
  return spec;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function invalid(message: string): SandboxRequestError {
  return new SandboxRequestError(400, message);
}
