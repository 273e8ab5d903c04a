/* eslint-disable */
/**
 * Generated from events/NotificationChannelDisabled/v1.json by scripts/generate-types.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * A channel could not reach its customer (a hard bounce, a permanently unreachable number) and was turned off on every account of that customer; the customer is told on the channels still on.
 */
export interface NotificationChannelDisabledEvent {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  type: 'NotificationChannelDisabled';
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  dataschema: 'urn:bank:events:NotificationChannelDisabled:v1';
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  data: NotificationChannelDisabledData;
}
/**
 * No PII: the channel, why, and the provider; never the address.
 */
export interface NotificationChannelDisabledData {
  /**
   * The account whose notification could not be delivered.
   */
  accountId: string;
  /**
   * The channel turned off.
   */
  channel: string;
  /**
   * hard-bounce: the email address does not exist or refuses mail; unreachable: the number can never receive (a provider's permanent error).
   */
  reason: 'hard-bounce' | 'unreachable';
  /**
   * The provider that reported it.
   */
  provider: string;
}
