/* eslint-disable */
/**
 * Generated from events/TransferReceived/v1.json by scripts/generate.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * The destination account of a transfer was credited.
 */
export interface TransferReceivedEvent {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  type: 'TransferReceived';
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  dataschema: 'urn:bank:events:TransferReceived:v1';
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  data: TransferReceivedData;
}
/**
 * No PII: ids, amounts and currency only.
 */
export interface TransferReceivedData {
  /**
   * The account whose balance changed.
   */
  accountId: string;
  /**
   * Time-ordered id (ULID) of the transaction record; also the event id.
   */
  transactionId: string;
  /**
   * Transaction type.
   */
  type: 'TRANSFER_IN';
  /**
   * Minor units (cents).
   */
  amount: number;
  /**
   * Balance of accountId after the transaction, minor units.
   */
  balanceAfter: number;
  /**
   * ISO 4217 code.
   */
  currency: string;
  /**
   * The other account of the transfer.
   */
  counterpartyAccountId: string;
  /**
   * Shared by the TransferSent/TransferReceived pair.
   */
  transferId: string;
}
