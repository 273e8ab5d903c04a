/* eslint-disable */
/**
 * Generated from events/HoldApproved/v1.json by scripts/generate-types.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * An operator approved a held debit: it was posted (the usual money event follows with transactionId).
 */
export interface HoldApprovedEvent {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  type: 'HoldApproved';
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  dataschema: 'urn:bank:events:HoldApproved:v1';
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  data: HoldApprovedData;
}
/**
 * No PII: ids, amounts in minor units, codes.
 */
export interface HoldApprovedData {
  /**
   * The account the event is about.
   */
  accountId: string;
  /**
   * The review hold.
   */
  holdId: string;
  /**
   * What kind of debit was held: a withdrawal, or an outgoing transfer.
   */
  debitType: 'WITHDRAWAL' | 'TRANSFER';
  /**
   * Amount, minor units.
   */
  amount: number;
  /**
   * ISO 4217 code.
   */
  currency: string;
  /**
   * The posted debit's transaction id.
   */
  transactionId: string;
}
