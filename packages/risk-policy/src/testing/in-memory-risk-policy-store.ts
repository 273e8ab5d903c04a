import { PolicyVersionConflictError } from '../errors';
import type { RiskPolicy } from '../policy';
import type { PutPolicyOptions, RiskPolicyStore, StoredRiskPolicy } from '../policy-store';

/**
 * A RiskPolicyStore in memory, with the adapter's version semantics, for tests of its users.
 *
 * @example
 * const store = new InMemoryRiskPolicyStore();
 * await store.put(policy, { expectedVersion: 0, updatedBy: 'op-1', at: new Date() });
 */
export class InMemoryRiskPolicyStore implements RiskPolicyStore {
  /** Every stored version, oldest first (the adapter's history items). */
  readonly history: StoredRiskPolicy[] = [];
  /** Number of `get` calls, to assert caching. */
  reads = 0;

  async get(): Promise<StoredRiskPolicy | undefined> {
    this.reads += 1;
    return this.history.at(-1);
  }

  async put(policy: RiskPolicy, options: PutPolicyOptions): Promise<StoredRiskPolicy> {
    const currentVersion = this.history.at(-1)?.version ?? 0;
    if (currentVersion !== options.expectedVersion) throw new PolicyVersionConflictError(options.expectedVersion);
    const stored = { policy, version: currentVersion + 1, updatedAt: options.at.toISOString(), updatedBy: options.updatedBy };
    this.history.push(stored);
    return stored;
  }
}
