/* eslint-disable */
/**
 * Generated from events/RiskPolicyChanged/v1.json by scripts/generate-types.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * An operator replaced the risk policy; data is the new policy (amounts in minor units).
 */
export interface RiskPolicyChangedEvent {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  type: 'RiskPolicyChanged';
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  dataschema: 'urn:bank:events:RiskPolicyChanged:v1';
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  data: RiskPolicyChangedData;
}
/**
 * No PII: ids, amounts in minor units, codes.
 */
export interface RiskPolicyChangedData {
  /**
   * The policy version now in force.
   */
  version: number;
  mode: 'enforce' | 'shadow';
  /**
   * The policy as stored (amounts in minor units); see @bank/risk-policy.
   */
  policy: {};
}
