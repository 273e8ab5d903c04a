export { decideReport, disableReasonOf, isFinalReport } from './transitions';
export type { FinalReport, ReportDecision, ReportedOutcome } from './transitions';
export type { DeliveryReports, KeyedReportResult, TrackedDelivery } from './ports';
export { DynamoDeliveryReports } from './dynamo-delivery-reports';
export type { DynamoDeliveryReportsOptions } from './dynamo-delivery-reports';
