export { DEFAULT_RISK_POLICY, MAX_PATTERN_WINDOW_MINUTES, MAX_VELOCITY_DEBITS } from './policy';
export type { RiskPolicy, RiskPolicyDocument, RiskMode, PatternAction } from './policy';
export { riskPolicySchema, storedRiskPolicySchema, MAX_POLICY_AMOUNT_MAJOR } from './policy-schema';
export { parseRiskPolicyDocument, toRiskPolicyDocument, parseStoredRiskPolicy } from './policy-validation';
export { evaluateDebit } from './debit-rules';
export type { DebitCheck, DebitDecision, DebitAccountView, AccountStatus, RiskRule, RuleCode, AccountCode, RuleHit } from './debit-rules';
export { decideHold, holdExpiresAt, isHoldDue, EXPIRY_ACTOR } from './holds';
export type { HoldStatus, HoldState, HoldDecision, HoldDecisionRecord } from './holds';
export { CachedRiskPolicySource, replaceRiskPolicy, DEFAULT_POLICY_MAX_AGE_MS } from './policy-store';
export type { RiskPolicyStore, RiskPolicySource, StoredRiskPolicy, EffectiveRiskPolicy, PutPolicyOptions, CachedRiskPolicySourceOptions } from './policy-store';
export {
  RiskPolicyError,
  InvalidRiskPolicyError,
  PolicyVersionConflictError,
  HoldDecisionError,
  HoldAlreadyDecidedError,
  HoldExpiredError,
  HoldNotDueError,
} from './errors';
export { RISK_POLICY_KEY, RISK_POLICY_PARTITION, RISK_POLICY_RECORD_TYPE, RISK_POLICY_VERSION_RECORD_TYPE } from './policy-items';
