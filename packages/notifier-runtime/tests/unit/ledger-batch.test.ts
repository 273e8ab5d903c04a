import { LedgerBatch } from '../../src/ledger-batch';
import type { ClaimRequest, ClaimResult, DeliveryLedger, SentEntry } from '../../src/ports';

const T0 = new Date('2024-05-01T12:00:00.000Z');
const request = (eventId: string): ClaimRequest => ({ eventId, channel: 'c', eventType: 'MoneyDeposited', accountId: 'a', leaseToken: `${eventId}#1`, now: T0, leaseSeconds: 60 });
const sentUpdate = (eventId: string) => ({ leaseToken: `${eventId}#1`, now: T0, attempts: 1 });

/** A ledger that records how it was called; batch methods only when asked. */
function recordingLedger(batchMethods = true) {
  const calls: string[] = [];
  const ledger: DeliveryLedger = {
    claim: async (r) => {
      calls.push(`claim ${r.eventId}`);
      return { claimed: true, delivered: [] };
    },
    markSent: async (key) => {
      calls.push(`markSent ${key.eventId}`);
      return true;
    },
    markSkipped: async (key) => {
      calls.push(`markSkipped ${key.eventId}`);
      return true;
    },
    markFailed: async () => true,
    release: async () => true,
    ...(batchMethods
      ? {
          claimAll: async (requests: readonly ClaimRequest[]): Promise<ClaimResult[]> => {
            calls.push(`claimAll ${requests.map((r) => r.eventId).join(',')}`);
            return requests.map((r) => (r.eventId === 'dup' ? { claimed: false, status: 'SENT' } : { claimed: true, delivered: [] }));
          },
          markAllSent: async (entries: readonly SentEntry[]): Promise<boolean[]> => {
            calls.push(`markAllSent ${entries.map((e) => e.key.eventId).join(',')}`);
            return entries.map((e) => e.key.eventId !== 'lost');
          },
        }
      : {}),
  };
  return { ledger, calls };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A record's path through the ledger: claim, then (after `sending`) SENT or SKIPPED. */
async function record(batch: LedgerBatch, eventId: string, sending: Promise<void> = Promise.resolve(), finish: 'sent' | 'skipped' = 'sent'): Promise<string> {
  return batch.run(async () => {
    const claim = await batch.ledger.claim(request(eventId));
    if (!claim.claimed) return `${eventId}: ${claim.status}`;
    await sending;
    if (finish === 'skipped') {
      await batch.ledger.markSkipped({ eventId, channel: 'c' }, { ...sentUpdate(eventId), reason: 'channel-off' });
      return `${eventId}: skipped`;
    }
    return `${eventId}: ${(await batch.ledger.markSent({ eventId, channel: 'c' }, sentUpdate(eventId))) ? 'sent' : 'lease lost'}`;
  });
}

describe('LedgerBatch', () => {
  it('sends the claims, then the SENT records, of records that start together in one request each, answering each in order', async () => {
    const { ledger, calls } = recordingLedger();
    const batch = new LedgerBatch(ledger, 60_000);
    expect(await Promise.all(['e1', 'dup', 'e2', 'lost'].map((id) => record(batch, id)))).toEqual(['e1: sent', 'dup: SENT', 'e2: sent', 'lost: lease lost']);
    expect(calls).toEqual(['claimAll e1,dup,e2,lost', 'markAllSent e1,e2,lost']);
  });

  it('lets a lone record through at once, without waiting for the window to time out', async () => {
    const { ledger, calls } = recordingLedger();
    const batch = new LedgerBatch(ledger, 60_000);
    const started = Date.now();
    expect(await record(batch, 'e1')).toBe('e1: sent');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toEqual(['claimAll e1', 'markAllSent e1']);
  });

  it('holds a SENT record until its siblings still sending are ready, then writes them together', async () => {
    const { ledger, calls } = recordingLedger();
    const batch = new LedgerBatch(ledger, 60_000);
    const slow = deferred();
    const fast = record(batch, 'fast');
    const slower = record(batch, 'slow', slow.promise);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual(['claimAll fast,slow']);
    slow.resolve();
    expect(await Promise.all([fast, slower])).toEqual(['fast: sent', 'slow: sent']);
    expect(calls).toEqual(['claimAll fast,slow', 'markAllSent fast,slow']);
  });

  it('stops waiting for a sibling that finishes another way', async () => {
    const { ledger, calls } = recordingLedger();
    const batch = new LedgerBatch(ledger, 60_000);
    const skipping = deferred();
    const sent = record(batch, 'sent');
    const skipped = record(batch, 'skipped', skipping.promise, 'skipped');
    await new Promise((resolve) => setTimeout(resolve, 20));
    skipping.resolve();
    expect(await Promise.all([sent, skipped])).toEqual(['sent: sent', 'skipped: skipped']);
    expect(calls).toEqual(['claimAll sent,skipped', 'markSkipped skipped', 'markAllSent sent']);
  });

  it('writes without a sibling stuck on a slow provider once maxWaitMs has passed', async () => {
    const { ledger, calls } = recordingLedger();
    const batch = new LedgerBatch(ledger, 30);
    const stuck = deferred();
    const fast = record(batch, 'fast');
    const slow = record(batch, 'slow', stuck.promise);
    expect(await fast).toBe('fast: sent');
    expect(calls).toEqual(['claimAll fast,slow', 'markAllSent fast']);
    stuck.resolve();
    expect(await slow).toBe('slow: sent');
    expect(calls).toEqual(['claimAll fast,slow', 'markAllSent fast', 'markAllSent slow']);
  });

  it('fails every waiting record when the batch request fails', async () => {
    const { ledger } = recordingLedger();
    const batch = new LedgerBatch({ ...ledger, claimAll: () => Promise.reject(new Error('throttled')) }, 60_000);
    const results = await Promise.allSettled([record(batch, 'e1'), record(batch, 'e2')]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual(['throttled', 'throttled']);
  });

  it('passes every call through to a ledger without batch methods', async () => {
    const { ledger, calls } = recordingLedger(false);
    const batch = new LedgerBatch(ledger, 60_000);
    expect(await Promise.all([record(batch, 'e1'), record(batch, 'e2')])).toEqual(['e1: sent', 'e2: sent']);
    expect(calls).toEqual(['claim e1', 'claim e2', 'markSent e1', 'markSent e2']);
  });
});
