export { InMemoryAccountStore, InMemoryCustomerStore, StaticIdentityProvider } from './in-memory-stores';
