/**
 * Where the policy lives (a port; the DynamoDB adapter is `@bank/risk-policy/dynamodb`), a
 * cached reader so commands do not read it each time, and the replace operation of
 * `PUT /risk/policy`.
 */
import { PolicyVersionConflictError } from './errors';
import { DEFAULT_RISK_POLICY, type RiskPolicy } from './policy';

/** A stored policy with its version (1 for the first stored policy, +1 per change). */
export interface StoredRiskPolicy {
  readonly policy: RiskPolicy;
  readonly version: number;
  readonly updatedAt: string;
  /** Operator id (never a name or an email). */
  readonly updatedBy: string;
}

/** The policy in force: the stored one, or the defaults at version 0 when none was stored. */
export type EffectiveRiskPolicy = StoredRiskPolicy | { readonly policy: RiskPolicy; readonly version: 0 };

export interface PutPolicyOptions {
  /** The version the caller read; 0 when none was stored. */
  readonly expectedVersion: number;
  readonly updatedBy: string;
  readonly at: Date;
}

export interface RiskPolicyStore {
  get(): Promise<StoredRiskPolicy | undefined>;
  /** Stores `policy` as version `expectedVersion + 1`; PolicyVersionConflictError when the stored version moved. */
  put(policy: RiskPolicy, options: PutPolicyOptions): Promise<StoredRiskPolicy>;
}

/** What the rules and the detector read: the policy in force, possibly a little stale. */
export interface RiskPolicySource {
  current(): Promise<EffectiveRiskPolicy>;
}

export const DEFAULT_POLICY_MAX_AGE_MS = 30_000;

export interface CachedRiskPolicySourceOptions {
  /** How long a read policy is reused; DESIGN.md allows 30 s. 0 reads every time (the local stack). */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/**
 * Reads the policy at most once per `maxAgeMs` per process; concurrent callers share one read.
 * When a refresh fails, the last policy read is served (and the next call retries) rather than
 * failing every command; with nothing read yet the error propagates.
 *
 * @example
 * const policies = new CachedRiskPolicySource(new DynamoRiskPolicyStore({ client, tableName }));
 * const { policy } = await policies.current();
 */
export class CachedRiskPolicySource implements RiskPolicySource {
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private cached: { readonly value: EffectiveRiskPolicy; readonly readAt: number } | undefined;
  private inFlight: Promise<EffectiveRiskPolicy> | undefined;

  constructor(
    private readonly store: Pick<RiskPolicyStore, 'get'>,
    options: CachedRiskPolicySourceOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_POLICY_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  async current(): Promise<EffectiveRiskPolicy> {
    const cached = this.cached;
    if (cached && this.now() - cached.readAt < this.maxAgeMs) return cached.value;
    this.inFlight ??= this.refresh().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Forgets the cached policy, e.g. right after this process stored a new one. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async refresh(): Promise<EffectiveRiskPolicy> {
    const readAt = this.now();
    try {
      const stored = await this.store.get();
      const value: EffectiveRiskPolicy = stored ?? { policy: DEFAULT_RISK_POLICY, version: 0 };
      this.cached = { value, readAt };
      return value;
    } catch (error) {
      if (this.cached) return this.cached.value;
      throw error;
    }
  }
}

/**
 * `PUT /risk/policy`: replaces the policy whatever its current version (last writer wins, and
 * every change gets its own version), retrying when another change lands in between.
 *
 * @example
 * const stored = await replaceRiskPolicy(store, policy, { updatedBy: operatorId, at: new Date() });
 */
export async function replaceRiskPolicy(
  store: RiskPolicyStore,
  policy: RiskPolicy,
  options: { readonly updatedBy: string; readonly at: Date; readonly attempts?: number },
): Promise<StoredRiskPolicy> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    const current = await store.get();
    try {
      return await store.put(policy, { expectedVersion: current?.version ?? 0, updatedBy: options.updatedBy, at: options.at });
    } catch (error) {
      if (!(error instanceof PolicyVersionConflictError) || attempt >= attempts) throw error;
    }
  }
}
