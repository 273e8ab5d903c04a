/* eslint-disable */
/**
 * Generated from events/HoldDeclined/v1.json by scripts/generate-types.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * A held debit was declined by an operator or expired undecided: the held money is available again.
 */
export interface HoldDeclinedEvent {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  type: 'HoldDeclined';
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  dataschema: 'urn:bank:events:HoldDeclined:v1';
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  data: HoldDeclinedData;
}
/**
 * No PII: ids, amounts in minor units, codes.
 */
export interface HoldDeclinedData {
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
   * Available balance after the release, minor units.
   */
  availableBalance: number;
  /**
   * Declined by an operator, or expired undecided.
   */
  outcome: 'DECLINED' | 'EXPIRED';
}
