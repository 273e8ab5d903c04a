import type { ReportedStatus } from '@bank/plugin-sdk';
import { decideReport, disableReasonOf } from '../../../src/delivery-reports/transitions';
import type { DeliveryStatus } from '../../../src/ports';

const sent = { status: 'SENT' as const, reported: false };
const reportedAs = (status: DeliveryStatus) => ({ status, reported: true });
const report = (status: ReportedStatus, permanent?: boolean) => ({ providerMessageId: 'm', status, occurredAt: '2026-01-01T00:00:00.000Z', ...(permanent ? { permanent } : {}) });

describe('decideReport', () => {
  it.each(['DELIVERED', 'UNDELIVERED', 'BOUNCED', 'FAILED'] as const)('moves SENT to %s', (status) => {
    expect(decideReport(sent, status)).toBe('apply');
  });

  it('treats sent after sent, and a repeated final status, as duplicates', () => {
    expect(decideReport(sent, 'SENT')).toBe('duplicate');
    expect(decideReport(reportedAs('DELIVERED'), 'DELIVERED')).toBe('duplicate');
  });

  it('never lets a late sent overwrite delivered', () => {
    expect(decideReport(reportedAs('DELIVERED'), 'SENT')).toBe('superseded');
  });

  it('keeps the first final status (a failed after delivered changes nothing)', () => {
    expect(decideReport(reportedAs('DELIVERED'), 'FAILED')).toBe('superseded');
    expect(decideReport(reportedAs('UNDELIVERED'), 'DELIVERED')).toBe('superseded');
    expect(decideReport(reportedAs('FAILED'), 'DELIVERED')).toBe('superseded');
  });

  it('does not touch deliveries that were never sent', () => {
    expect(decideReport({ status: 'SKIPPED', reported: false }, 'DELIVERED')).toBe('not-sent');
    expect(decideReport({ status: 'SENDING', reported: false }, 'DELIVERED')).toBe('not-sent');
    expect(decideReport({ status: 'FAILED', reported: false }, 'DELIVERED')).toBe('not-sent');
  });

  it('gives the same answer whatever order the same reports arrive in (out of order, twice)', () => {
    const apply = (order: ReportedStatus[]) =>
      order.reduce<{ status: DeliveryStatus; reported: boolean }>((current, status) => (decideReport(current, status) === 'apply' ? reportedAs(status) : current), sent).status;
    expect(apply(['SENT', 'DELIVERED', 'SENT', 'DELIVERED'])).toBe('DELIVERED');
    expect(apply(['DELIVERED', 'SENT', 'SENT', 'DELIVERED'])).toBe('DELIVERED');
  });
});

describe('disableReasonOf', () => {
  it('turns a channel off for a hard bounce and for a permanently unreachable address', () => {
    expect(disableReasonOf(report('BOUNCED', true))).toBe('hard-bounce');
    expect(disableReasonOf(report('UNDELIVERED', true))).toBe('unreachable');
    expect(disableReasonOf(report('FAILED', true))).toBe('unreachable');
  });

  it('leaves it on for temporary failures and for anything delivered', () => {
    expect(disableReasonOf(report('UNDELIVERED'))).toBeUndefined();
    expect(disableReasonOf(report('BOUNCED'))).toBeUndefined();
    expect(disableReasonOf(report('DELIVERED', true))).toBeUndefined();
  });
});
