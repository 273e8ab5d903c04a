import type { InMemoryDeliveryLedger } from '../testing/in-memory-ports';
import { deliveryIdOfNotificationKey, messageLookupId } from '../delivery-keys';
import type { InMemoryDelivery } from '../testing/in-memory-ports';
import type { DeliveryReports, KeyedReportResult, TrackedDelivery } from './ports';
import type { FinalReport } from './transitions';

function tracked(deliveryId: string, d: InMemoryDelivery): TrackedDelivery {
  return {
    deliveryId,
    eventId: d.eventId,
    channel: d.channel,
    eventType: d.eventType,
    accountId: d.accountId,
    status: d.status,
    reported: d.reportedAt !== undefined,
    ...(d.customerId ? { customerId: d.customerId } : {}),
    ...(d.provider ? { provider: d.provider } : {}),
    ...(d.sentAt ? { sentAt: d.sentAt } : {}),
  };
}

/** DeliveryReports over an InMemoryDeliveryLedger, with the same conditional semantics as the DynamoDB adapter. */
export class InMemoryDeliveryReports implements DeliveryReports {
  constructor(private readonly ledger: InMemoryDeliveryLedger) {}

  async find(providers: readonly string[], providerMessageId: string): Promise<TrackedDelivery | undefined> {
    for (const provider of providers) {
      const id = this.ledger.lookups.get(messageLookupId({ provider, providerMessageId }));
      const d = id === undefined ? undefined : this.ledger.deliveries.get(id);
      if (!id || !d) continue;
      return tracked(id, d);
    }
    return undefined;
  }

  async applyByKey(notificationKey: string, report: FinalReport, now: Date): Promise<KeyedReportResult> {
    const id = deliveryIdOfNotificationKey(notificationKey);
    const d = id === undefined ? undefined : this.ledger.deliveries.get(id);
    if (d?.status === 'SENDING') return { kind: 'in-flight' };
    if (!id || !d || (d.providerMessageId !== report.providerMessageId && !d.messageIds?.includes(report.providerMessageId))) return { kind: 'unknown' };
    const before = tracked(id, d);
    return (await this.apply(before, report, now)) ? { kind: 'applied', delivery: before } : { kind: 'unchanged', delivery: before };
  }

  async apply(delivery: TrackedDelivery, report: FinalReport, now: Date): Promise<boolean> {
    const d = this.ledger.deliveries.get(delivery.deliveryId);
    if (!d || d.status !== 'SENT') return false;
    Object.assign(d, { status: report.status, reportedAt: now.toISOString(), updatedAt: now.toISOString(), ...(report.errorCode ? { errorCode: report.errorCode } : {}) });
    return true;
  }
}
