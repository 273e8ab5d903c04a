import { buildTopology } from '@bank/topology';
import { riskConfigFromEnv } from '../../src/config';
import { RiskServiceError } from '../../src/domain/errors';

const topology = buildTopology();

describe('riskConfigFromEnv', () => {
  it("defaults to the topology's tables and a 30 s policy cache", () => {
    expect(riskConfigFromEnv({}, topology)).toEqual({ accountsTable: 'CheckingAccountTransactions', riskTable: 'RiskWindows', policyMaxAgeMs: 30_000 });
  });

  it('takes table names and the cache age from the environment', () => {
    expect(riskConfigFromEnv({ ACCOUNTS_TABLE: 'a', RISK_TABLE: 'r', RISK_POLICY_MAX_AGE_SECONDS: '0' }, topology)).toEqual({ accountsTable: 'a', riskTable: 'r', policyMaxAgeMs: 0 });
  });

  it.each(['-1', '31', 'soon'])('refuses a cache age of %s (DESIGN.md allows at most 30 s)', (value) => {
    expect(() => riskConfigFromEnv({ RISK_POLICY_MAX_AGE_SECONDS: value }, topology)).toThrow(RiskServiceError);
  });
});
