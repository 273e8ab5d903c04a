/**
 * Where the policy lives in the accounts table, spelled once for the DynamoDB adapter and for the
 * outbox relay (which publishes a RiskPolicyChanged per version item) without the SDK.
 */
export const RISK_POLICY_PARTITION = 'RISK#POLICY';
export const RISK_POLICY_KEY = { AccountID: RISK_POLICY_PARTITION, TransactionID: 'CURRENT' } as const;
export const RISK_POLICY_RECORD_TYPE = 'RISK_POLICY';
/** Record type of the write-once history items, one per version (the stream INSERT the relay can publish). */
export const RISK_POLICY_VERSION_RECORD_TYPE = 'RISK_POLICY_VERSION';
