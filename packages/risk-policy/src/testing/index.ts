export { InMemoryRiskPolicyStore } from './in-memory-risk-policy-store';
