/* eslint-disable */
/**
 * Generated from events/DebitHeld/v1.json by scripts/generate-types.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * A debit at or above the review amount was held for review: the money left the available balance, the balance is unchanged.
 */
export interface DebitHeldEvent {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  type: 'DebitHeld';
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  dataschema: 'urn:bank:events:DebitHeld:v1';
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  data: DebitHeldData;
}
/**
 * No PII: ids, amounts in minor units, codes.
 */
export interface DebitHeldData {
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
   * Held amount, minor units.
   */
  amount: number;
  /**
   * ISO 4217 code.
   */
  currency: string;
  /**
   * Available balance after the hold, minor units.
   */
  availableBalance: number;
  /**
   * The account a held transfer would credit.
   */
  counterpartyAccountId?: string;
  /**
   * When the hold declines by itself if nobody decides.
   */
  expiresAt: string;
}
