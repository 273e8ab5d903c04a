export { DynamoWindowStore, windowEntrySortKey } from './dynamo-window-store';
export type { DynamoWindowStoreOptions } from './dynamo-window-store';
export { DynamoCaseStore } from './dynamo-case-store';
export type { DynamoCaseStoreOptions } from './dynamo-case-store';
