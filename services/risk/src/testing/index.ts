export { InMemoryWindowStore } from './in-memory-window-store';
export { InMemoryCaseStore } from './in-memory-case-store';
export { InMemoryAccountFreezer } from './in-memory-account-freezer';
export { sqsRecord } from './sqs-record';
