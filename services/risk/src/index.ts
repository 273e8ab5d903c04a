/** The pure core: no AWS SDK behind this entry (adapters: './dynamodb'; the handler factory: './create-handler'; the Lambda entry is services/risk-detector). */
export { detectOnEvent, freezeReason, RISK_ACTOR, WINDOW_RETENTION_MS } from './domain/detect-on-event';
export type { DetectionPorts, DetectionOutcome } from './domain/detect-on-event';
export { detectPassThrough, reachesShare } from './domain/pass-through';
export { detectFanOut } from './domain/fan-out';
export type { PatternMatch, RiskPattern } from './domain/pattern-match';
export { entryFromEvent } from './domain/window-entry';
export type { WindowEntry } from './domain/window-entry';
export { caseIdFor, caseFromMatch, overlapsCase, summaryOf, MAX_EVIDENCE_EVENTS } from './domain/risk-case';
export type { RiskCase, RiskCaseSummary, CaseEvidence, EvidenceEvent, FreezeResult } from './domain/risk-case';
export type { AccountFreezer, CaseStore, WindowStore, RiskCaseQueries, CaseListQuery, CaseListPage, RiskLogger } from './domain/ports';
export { RiskServiceError, InvalidMessageError, InvalidCursorError } from './domain/errors';
export {
  riskCaseOpenedData,
  riskCaseEventId,
  caseKey,
  casePartition,
  RISK_CASE_RECORD_TYPE,
  RISK_CASE_INDEX_RECORD_TYPE,
  RISK_CASES_PARTITION,
} from './case-items';
export { decodeMessage } from './sqs/decode-message';
export type { DecodedMessage } from './sqs/decode-message';
export type { MessageOutcome, RiskRecord, MessagePorts } from './sqs/process-message';
export type { RiskMetrics } from './observability';
