import type { InMemoryDeliveryLedger } from '../testing/in-memory-ports';
import { messageLookupId } from '../delivery-keys';
import type { DeliveryReports, TrackedDelivery } from './ports';
import type { FinalReport } from './transitions';

/** DeliveryReports over an InMemoryDeliveryLedger, with the same conditional semantics as the DynamoDB adapter. */
export class InMemoryDeliveryReports implements DeliveryReports {
  constructor(private readonly ledger: InMemoryDeliveryLedger) {}

  async find(providers: readonly string[], providerMessageId: string): Promise<TrackedDelivery | undefined> {
    for (const provider of providers) {
      const id = this.ledger.lookups.get(messageLookupId({ provider, providerMessageId }));
      const d = id === undefined ? undefined : this.ledger.deliveries.get(id);
      if (!id || !d) continue;
      return {
        deliveryId: id,
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
    return undefined;
  }

  async apply(delivery: TrackedDelivery, report: FinalReport, now: Date): Promise<boolean> {
    const d = this.ledger.deliveries.get(delivery.deliveryId);
    if (!d || d.status !== 'SENT') return false;
    Object.assign(d, { status: report.status, reportedAt: now.toISOString(), updatedAt: now.toISOString(), ...(report.errorCode ? { errorCode: report.errorCode } : {}) });
    return true;
  }
}
