import { setTimeout as sleep } from 'node:timers/promises';
import { CallbackFormatError, CallbackVerificationError, type CallbackReader, type StatusReport } from '@bank/plugin-sdk';
import { runGrouped } from '@bank/notifier-runtime';
import { decideReport, disableReasonOf, isFinalReport, type DeliveryReports, type FinalReport, type ReportDecision, type TrackedDelivery } from '@bank/notifier-runtime/delivery-reports';
import type { CallbackProvider } from './callback-providers';
import type { ChannelDisabler, StatusLogger, StatusMetrics } from './ports';

/** A provider's callback request as the HTTP layer read it. The body is PII: never log it. */
export interface CallbackInput {
  /** The `{provider}` of `POST /webhooks/{provider}`. */
  readonly provider: string;
  /** The exact public URL (what the provider signed). */
  readonly url: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  readonly bodyBytes: number;
}

export interface CallbackPorts {
  readonly providers: ReadonlyMap<string, CallbackProvider>;
  readonly reports: DeliveryReports;
  readonly disabler: ChannelDisabler;
  readonly logger: StatusLogger;
  readonly metrics?: StatusMetrics;
  readonly now: () => Date;
  /** Waits between looks at deliveries still at their provider. Default: a timer. */
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/** What the callback gets back; `refused` changes nothing. */
export interface RefusedResult {
  readonly kind: 'refused';
  readonly status: 400 | 401 | 403 | 404 | 413 | 503;
  readonly code: string;
  readonly detail: string;
}

/**
 * Per report: what it did to its delivery (`ReportDecision`), `unknown` for a message id (or key) this
 * system never sent, `sent` for the provider's own "sent", which cannot change a delivery the
 * notifier recorded SENT itself and is not looked up (half of Twilio's callbacks), `in-flight` for
 * one whose delivery was still at its provider after every wait (left for the provider's retry).
 */
export type CallbackCounts = Readonly<Record<ReportDecision | 'unknown' | 'sent' | 'in-flight', number>>;

/**
 * `accepted`: every report was applied or found to change nothing. `in-flight`: the others were,
 * but some name a delivery its notifier has not recorded SENT yet; the provider should send the
 * callback again later (what is applied already reads as a duplicate then).
 */
export type CallbackResult =
  | { readonly kind: 'accepted'; readonly counts: CallbackCounts; readonly disabled: number }
  | { readonly kind: 'in-flight'; readonly counts: CallbackCounts; readonly disabled: number }
  | RefusedResult;

/** How many messages' reports are applied at once (each a conditional write, after a lookup and a read when it carries no key). */
const REPORT_CONCURRENCY = 16;

/**
 * How long to wait before each new look at reports whose delivery is still at its provider. A
 * notifier records SENT within about 50 ms of the provider's answer (its batch window) plus a
 * write; a provider that reports at once is that quick. After the last wait (750 ms in all) the
 * provider is asked to retry.
 */
export const IN_FLIGHT_WAITS_MS: readonly number[] = [50, 200, 500];

const refused = (status: RefusedResult['status'], code: string, detail: string): RefusedResult => ({ kind: 'refused', status, code, detail });

const VERIFICATION: Record<CallbackVerificationError['reason'], { status: 401 | 403; code: string }> = {
  missing: { status: 401, code: 'SIGNATURE_REQUIRED' },
  invalid: { status: 403, code: 'SIGNATURE_INVALID' },
  stale: { status: 403, code: 'SIGNATURE_EXPIRED' },
};

/** Verify and read; anything a request can make a plugin throw is a 4xx, never a 5xx. */
function readReports(reader: CallbackReader, input: CallbackInput, now: Date): { reports: StatusReport[] } | { refusal: RefusedResult; reason: string } {
  const request = { url: input.url, headers: input.headers, rawBody: input.rawBody, now };
  try {
    reader.verify(request);
  } catch (error) {
    const reason = error instanceof CallbackVerificationError ? error.reason : 'invalid';
    return { refusal: refused(VERIFICATION[reason].status, VERIFICATION[reason].code, 'The callback is not signed by the provider, or not any more.'), reason: `signature-${reason}` };
  }
  try {
    return { reports: reader.parse(request) };
  } catch (error) {
    const detail = error instanceof CallbackFormatError ? error.message : 'The callback body cannot be read.';
    return { refusal: refused(400, 'VALIDATION_FAILED', detail), reason: 'malformed' };
  }
}

/**
 * Where a report lands and what it did there. A report that carries its notification key goes
 * straight to the delivery the key names (one conditional write, no lookup: `applyByKey`); one
 * without (a plugin that does not echo the key, a message sent before it did) is found through
 * its lookup item, decided, then written. Undefined for a message this system does not know.
 */
async function settle(
  report: FinalReport,
  provider: CallbackProvider,
  ports: CallbackPorts,
  now: Date,
): Promise<{ delivery: TrackedDelivery; decision: ReportDecision } | 'in-flight' | undefined> {
  if (report.notificationKey !== undefined) {
    const result = await ports.reports.applyByKey(report.notificationKey, report, now);
    if (result.kind === 'unknown' || result.kind === 'in-flight') return result.kind === 'unknown' ? undefined : 'in-flight';
    if (result.kind === 'applied') return { delivery: result.delivery, decision: 'apply' };
    const decision = decideReport(result.delivery, report.status);
    // The write's condition failed, so it is not SENT any more: another report got there first.
    return { delivery: result.delivery, decision: decision === 'apply' ? 'superseded' : decision };
  }
  const delivery = await ports.reports.find(provider.pluginIds, report.providerMessageId);
  if (!delivery) return undefined;
  const decision = decideReport(delivery, report.status);
  // Lost a race with another report of the same message: it got there first.
  if (decision === 'apply' && !(await ports.reports.apply(delivery, report, now))) return { delivery, decision: 'superseded' };
  return { delivery, decision };
}

/**
 * A provider's status callback: find the provider's declared callbacks, check the size, verify the
 * signature, read the reports, and apply each to the delivery it names (monotonic, idempotent).
 * A hard bounce or an address the provider says is unreachable for good turns the channel off for
 * the customer. Unknown message ids and keys are acknowledged and ignored. A report whose delivery
 * is still at its provider (`IN_FLIGHT_WAITS_MS`) is looked at again, then left to the provider's
 * retry (`in-flight`). Store or account-service failures throw (the provider retries); nothing a
 * request contains does.
 */
export async function handleCallback(input: CallbackInput, ports: CallbackPorts): Promise<CallbackResult> {
  const provider = ports.providers.get(input.provider);
  if (!provider) return refused(404, 'ROUTE_NOT_FOUND', 'No provider sends callbacks here.');
  const refuse = (result: RefusedResult, reason: string): CallbackResult => {
    ports.metrics?.refused(provider.provider, reason);
    ports.logger.warn('status callback refused', { provider: provider.provider, reason, status: result.status });
    return result;
  };
  if (input.bodyBytes > provider.maxBodyBytes) return refuse(refused(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${provider.maxBodyBytes} bytes.`), 'too-large');
  const { reader } = provider;
  if (!reader) return refused(503, 'CALLBACKS_UNAVAILABLE', 'This provider\'s callbacks are not configured; retry later.');
  const now = ports.now();
  const read = readReports(reader, input, now);
  if ('refusal' in read) return refuse(read.refusal, read.reason);
  const { reports } = read;

  const counts: Record<keyof CallbackCounts, number> = { apply: 0, duplicate: 0, superseded: 0, 'not-sent': 0, unknown: 0, sent: 0, 'in-flight': 0 };
  let disabled = 0;
  const final = reports.filter((report): report is FinalReport => {
    if (isFinalReport(report)) return true;
    counts.sent += 1;
    return false;
  });
  // Reports whose delivery is still at its provider, in the provider's order per message.
  let waiting: FinalReport[] = [];
  const applyReport = async (report: FinalReport, held: Set<string>): Promise<void> => {
    // A message's later reports queue behind one that waits, so they still land in the provider's order.
    if (held.has(report.providerMessageId)) {
      waiting.push(report);
      return;
    }
    const settled = await settle(report, provider, ports, now);
    if (settled === 'in-flight') {
      held.add(report.providerMessageId);
      waiting.push(report);
      return;
    }
    if (!settled) {
      counts.unknown += 1;
      return;
    }
    const { delivery, decision } = settled;
    if (decision === 'apply') {
      const sentAt = delivery.sentAt ? Date.parse(delivery.sentAt) : Number.NaN;
      const latency = Date.parse(report.occurredAt) - sentAt;
      ports.metrics?.statusChanged({
        channel: delivery.channel,
        provider: delivery.provider ?? provider.provider,
        status: report.status,
        ...(report.status === 'DELIVERED' && Number.isFinite(latency) && latency >= 0 ? { latencyMs: latency } : {}),
      });
    }
    counts[decision] += 1;
    const code = disableReasonOf(report);
    if (code && delivery.customerId && decision !== 'not-sent') {
      // Idempotent: a repeated bounce finds the channel off already.
      const { changed } = await ports.disabler.disableChannel(delivery.customerId, delivery.channel, {
        code,
        provider: delivery.provider ?? provider.provider,
        deliveryId: delivery.deliveryId,
        accountId: delivery.accountId,
      });
      if (changed) {
        disabled += 1;
        ports.metrics?.channelDisabled(delivery.channel, code);
        ports.logger.info('channel turned off for the customer', { channel: delivery.channel, code, deliveryId: delivery.deliveryId, accountId: delivery.accountId });
      }
    }
  };
  // A message's reports in the order the provider sent them; different messages side by side
  // (a SendGrid batch holds up to thousands of events: one after another they would outrun the
  // function's timeout, and the provider would retry the whole batch).
  // A provider can report before the notifier has recorded what it accepted: such reports get a
  // few more looks, a little later each, then are left to the provider's retry.
  let pending = final;
  for (const wait of [...IN_FLIGHT_WAITS_MS, undefined]) {
    const held = new Set<string>();
    waiting = [];
    await runGrouped(pending, (report) => report.providerMessageId, (report) => applyReport(report, held), { limit: REPORT_CONCURRENCY });
    pending = waiting;
    if (pending.length === 0 || wait === undefined) break;
    await (ports.sleep ?? sleep)(wait);
  }
  counts['in-flight'] = pending.length;
  const fields = { provider: provider.provider, reports: reports.length, ...counts, disabled };
  if (pending.length === 0) {
    ports.logger.info('status callback applied', fields);
    return { kind: 'accepted', counts, disabled };
  }
  ports.logger.warn('status callback left for the provider to retry: deliveries still at their provider', fields);
  return { kind: 'in-flight', counts, disabled };
}
