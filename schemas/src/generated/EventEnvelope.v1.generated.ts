/* eslint-disable */
/**
 * Generated from events/envelope/v1.json by scripts/generate.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * CloudEvents 1.0 JSON envelope shared by every bank event.
 */
export interface EventEnvelope {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  /**
   * Event type, e.g. MoneyDeposited.
   */
  type: string;
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  /**
   * urn:bank:events:<Type>:v<N>.
   */
  dataschema: string;
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  /**
   * Type-specific payload.
   */
  data: {};
}
