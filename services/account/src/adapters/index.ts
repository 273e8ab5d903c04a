/** The DynamoDB adapters of the account core, for hosts that write the ledger without the API (the bench's baseline). */
export { DynamoAccountStore } from './dynamo-account-store';
export type { MovementPlan, BalanceChange, TransactionRecord } from '../domain/model';
export { HOLD_INDEX_PREFIX } from './dynamo-items';
