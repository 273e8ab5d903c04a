/* eslint-disable */
/**
 * Generated from events/AccountOpened/v1.json by scripts/generate.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * An account was opened.
 */
export interface AccountOpenedEvent {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  type: 'AccountOpened';
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  dataschema: 'urn:bank:events:AccountOpened:v1';
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  data: AccountOpenedData;
}
/**
 * No PII: the owner's name, email and phone stay in the account record.
 */
export interface AccountOpenedData {
  accountId: string;
  /**
   * ISO 4217 code.
   */
  currency: string;
  /**
   * Opening balance (the initial deposit), minor units.
   */
  balance: number;
  channels: NotificationChannels;
}
/**
 * Which notification channels the owner opted into.
 */
export interface NotificationChannels {
  email: boolean;
  sms: boolean;
  whatsapp: boolean;
  push: boolean;
}
