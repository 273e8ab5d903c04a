export { DynamoRiskPolicyStore, riskPolicyVersionSortKey } from './dynamo-risk-policy-store';
export type { DynamoRiskPolicyStoreOptions } from './dynamo-risk-policy-store';
export { RISK_POLICY_KEY, RISK_POLICY_PARTITION, RISK_POLICY_RECORD_TYPE, RISK_POLICY_VERSION_RECORD_TYPE } from '../policy-items';
