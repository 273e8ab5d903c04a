export { InMemoryAccountStore, InMemoryCustomerStore, StaticIdentityProvider } from './in-memory-stores';
export { PERMISSIVE_RISK_POLICY, staticPolicy } from './risk-policies';
