/* eslint-disable */
/**
 * Generated from events/AccountFrozen/v1.json by scripts/generate-types.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * An operator or the fraud detection froze an account: debits are refused, credits still accepted.
 */
export interface AccountFrozenEvent {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  type: 'AccountFrozen';
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  dataschema: 'urn:bank:events:AccountFrozen:v1';
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  data: AccountFrozenData;
}
/**
 * No PII: ids, amounts in minor units, codes.
 */
export interface AccountFrozenData {
  /**
   * The account the event is about.
   */
  accountId: string;
  /**
   * Why, as the operator or the risk service wrote it (operators write no personal data into reasons).
   */
  reason: string;
  /**
   * Who made the change: an operator, the fraud detection, the account's owner, or the system (an expiry).
   */
  by: 'operator' | 'risk-service' | 'owner' | 'system';
}
