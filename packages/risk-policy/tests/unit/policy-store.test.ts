import { CachedRiskPolicySource, DEFAULT_RISK_POLICY, PolicyVersionConflictError, replaceRiskPolicy, type RiskPolicy, type RiskPolicyStore } from '../../src/index';
import { InMemoryRiskPolicyStore } from '../../src/testing/index';

const AT = new Date('2025-03-01T12:00:00.000Z');
const shadow: RiskPolicy = { ...DEFAULT_RISK_POLICY, mode: 'shadow' };

describe('CachedRiskPolicySource', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000_000));

  it('serves the defaults at version 0 while no policy is stored', async () => {
    const source = new CachedRiskPolicySource(new InMemoryRiskPolicyStore(), { now });
    await expect(source.current()).resolves.toEqual({ policy: DEFAULT_RISK_POLICY, version: 0 });
  });

  it('reads the store once per maxAge and sees a change after it', async () => {
    const store = new InMemoryRiskPolicyStore();
    const source = new CachedRiskPolicySource(store, { now, maxAgeMs: 30_000 });
    await source.current();
    await store.put(shadow, { expectedVersion: 0, updatedBy: 'op-1', at: AT });

    clock += 29_999;
    await expect(source.current()).resolves.toMatchObject({ version: 0 });
    clock += 1;
    await expect(source.current()).resolves.toMatchObject({ version: 1, policy: shadow });
    expect(store.reads).toBe(2);
  });

  it('reads every time with maxAge 0 (the local stack)', async () => {
    const store = new InMemoryRiskPolicyStore();
    const source = new CachedRiskPolicySource(store, { now, maxAgeMs: 0 });
    await source.current();
    await source.current();
    expect(store.reads).toBe(2);
  });

  it('shares one read between concurrent callers', async () => {
    const store = new InMemoryRiskPolicyStore();
    const source = new CachedRiskPolicySource(store, { now });
    await Promise.all([source.current(), source.current(), source.current()]);
    expect(store.reads).toBe(1);
  });

  it('reads again after invalidate', async () => {
    const store = new InMemoryRiskPolicyStore();
    const source = new CachedRiskPolicySource(store, { now });
    await source.current();
    source.invalidate();
    await source.current();
    expect(store.reads).toBe(2);
  });

  it('keeps serving the last policy when a refresh fails', async () => {
    let fail = false;
    const store: Pick<RiskPolicyStore, 'get'> = {
      get: async () => {
        if (fail) throw new Error('throttled');
        return { policy: shadow, version: 3, updatedAt: AT.toISOString(), updatedBy: 'op-1' };
      },
    };
    const source = new CachedRiskPolicySource(store, { now, maxAgeMs: 10 });
    await source.current();
    fail = true;
    clock += 10;
    await expect(source.current()).resolves.toMatchObject({ version: 3 });
  });

  it('fails when the first read fails', async () => {
    const source = new CachedRiskPolicySource({ get: () => Promise.reject(new Error('throttled')) }, { now });
    await expect(source.current()).rejects.toThrow('throttled');
  });
});

describe('replaceRiskPolicy', () => {
  it('stores version 1, then 2', async () => {
    const store = new InMemoryRiskPolicyStore();
    await expect(replaceRiskPolicy(store, shadow, { updatedBy: 'op-1', at: AT })).resolves.toMatchObject({ version: 1, updatedBy: 'op-1' });
    await expect(replaceRiskPolicy(store, DEFAULT_RISK_POLICY, { updatedBy: 'op-2', at: AT })).resolves.toMatchObject({ version: 2, policy: DEFAULT_RISK_POLICY });
  });

  it('retries when another change lands between its read and its write', async () => {
    const store = new InMemoryRiskPolicyStore();
    const put = store.put.bind(store);
    let interfered = false;
    store.put = async (policy, options) => {
      if (!interfered) {
        interfered = true;
        await put(DEFAULT_RISK_POLICY, { expectedVersion: options.expectedVersion, updatedBy: 'op-2', at: AT });
      }
      return put(policy, options);
    };
    await expect(replaceRiskPolicy(store, shadow, { updatedBy: 'op-1', at: AT })).resolves.toMatchObject({ version: 2, policy: shadow });
  });

  it('gives up after its attempts with a version conflict', async () => {
    const store = new InMemoryRiskPolicyStore();
    store.put = async (_policy, options) => {
      throw new PolicyVersionConflictError(options.expectedVersion);
    };
    await expect(replaceRiskPolicy(store, shadow, { updatedBy: 'op-1', at: AT, attempts: 2 })).rejects.toThrow(PolicyVersionConflictError);
  });
});
