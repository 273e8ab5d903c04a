import type { ReportedStatus, StatusReport } from '@bank/plugin-sdk';
import type { DeliveryStatus } from '../ports';

/** A status a provider's report can move a SENT delivery to. */
export type ReportedOutcome = Exclude<ReportedStatus, 'SENT'>;

/** A report that changes something: a final status. */
export type FinalReport = StatusReport & { readonly status: ReportedOutcome };

/**
 * What a report does to a delivery in `current` status. Callbacks arrive out of order and more
 * than once, so the rule is monotonic: SENT moves once to a final status and stays there.
 * - `apply`: SENT and a final status is reported;
 * - `duplicate`: the status it already has (a repeated callback, a `sent` after `sent`);
 * - `superseded`: a final status is there already (a late `sent`, a `failed` after `delivered`);
 * - `not-sent`: the delivery was never recorded SENT (skipped, failed before any provider accepted it).
 */
export type ReportDecision = 'apply' | 'duplicate' | 'superseded' | 'not-sent';

const FINAL: readonly DeliveryStatus[] = ['DELIVERED', 'UNDELIVERED', 'BOUNCED'];

function isFinal(status: DeliveryStatus, reportedAt: boolean): boolean {
  // FAILED is final only when a provider reported it; the notifier's own FAILED never saw SENT.
  return FINAL.includes(status) || (status === 'FAILED' && reportedAt);
}

/**
 * @example decideReport({ status: 'DELIVERED', reported: true }, 'SENT') // 'superseded': a late sent never overwrites delivered
 */
export function decideReport(current: { readonly status: DeliveryStatus; readonly reported: boolean }, reported: ReportedStatus): ReportDecision {
  if (current.status === reported) return 'duplicate';
  if (isFinal(current.status, current.reported)) return 'superseded';
  if (current.status !== 'SENT') return 'not-sent';
  return reported === 'SENT' ? 'duplicate' : 'apply';
}

/** True for a report that changes a SENT delivery. */
export function isFinalReport(report: StatusReport): report is FinalReport {
  return report.status !== 'SENT';
}

/**
 * Why a channel must be turned off for the customer after a report, if it must: a hard bounce, or
 * an address the provider says can never be reached (the plugin decides `permanent`).
 */
export function disableReasonOf(report: StatusReport): 'hard-bounce' | 'unreachable' | undefined {
  if (report.permanent !== true) return undefined;
  if (report.status === 'BOUNCED') return 'hard-bounce';
  if (report.status === 'UNDELIVERED' || report.status === 'FAILED') return 'unreachable';
  return undefined;
}
