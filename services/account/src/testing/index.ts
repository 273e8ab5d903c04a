export { InMemoryAccountStore } from './in-memory-stores';
