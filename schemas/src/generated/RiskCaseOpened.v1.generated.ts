/* eslint-disable */
/**
 * Generated from events/RiskCaseOpened/v1.json by scripts/generate.ts. Do not edit by hand:
 * change the schema and run `npm run generate -w @bank/schemas`.
 */

/**
 * Fraud detection (services/risk) opened a case on an account: a pattern across several money movements.
 */
export interface RiskCaseOpenedEvent {
  /**
   * CloudEvents spec version.
   */
  specversion: '1.0';
  /**
   * Deterministic: the transactionId for money events, account-opened-<accountId> for AccountOpened. Consumers dedupe on it.
   */
  id: string;
  source: 'bank.account';
  type: 'RiskCaseOpened';
  /**
   * When the state change happened (RFC 3339).
   */
  time: string;
  /**
   * The accountId the event is about.
   */
  subject: string;
  datacontenttype: 'application/json';
  dataschema: 'urn:bank:events:RiskCaseOpened:v1';
  /**
   * Extension attribute: correlation id of the request that caused the event.
   */
  correlationid?: string;
  data: RiskCaseOpenedData;
}
/**
 * No PII: ids, the pattern and what the policy did. The evidence (event ids, amounts) stays on the case record.
 */
export interface RiskCaseOpenedData {
  /**
   * Deterministic per account, pattern and triggering window, so a replayed event cannot open a second case.
   */
  caseId: string;
  /**
   * The account the case is about.
   */
  accountId: string;
  /**
   * pass-through: most of a deposit left the account soon after it; fan-out: transfers to many distinct accounts in a short window.
   */
  pattern: 'pass-through' | 'fan-out';
  /**
   * When the case was opened (RFC 3339).
   */
  openedAt: string;
  /**
   * The policy mode at detection; in shadow mode the case is recorded and nothing is done to the account.
   */
  mode: 'enforce' | 'shadow';
  /**
   * The action of the policy at detection: flag opens the case only, freeze also freezes the account (enforce mode only).
   */
  action: 'flag' | 'freeze';
}
