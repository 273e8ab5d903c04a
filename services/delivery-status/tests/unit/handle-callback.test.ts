import { CallbackFormatError, CallbackVerificationError, defineCallbacks, type StatusReport } from '@bank/plugin-sdk';
import { InMemoryDeliveryLedger, InMemoryDeliveryReports } from '@bank/notifier-runtime/testing';
import type { CallbackProvider } from '../../src/callback-providers';
import { handleCallback, IN_FLIGHT_WAITS_MS, type CallbackInput } from '../../src/handle-callback';
import type { ChannelDisabler, DisableReason, StatusMetrics } from '../../src/ports';
import { silentLogger } from '@bank/notifier-runtime';

const T0 = new Date('2026-11-24T10:00:00.000Z');
const T1 = new Date('2026-11-24T10:00:04.000Z');

/** A provider's callbacks in the test only: the body is a JSON list of reports; header `x-sig: ok` signs it, `old` is stale. */
const acme = defineCallbacks<Record<string, never>>({
  provider: 'acme',
  configSchema: {},
  config: {},
  maxBodyBytes: 200,
  create: () => ({
    verify: (request) => {
      const sig = request.headers['x-sig'];
      if (sig === undefined) throw new CallbackVerificationError('missing', 'no signature');
      if (sig === 'old') throw new CallbackVerificationError('stale', 'old');
      if (sig !== 'ok') throw new CallbackVerificationError('invalid', 'bad');
    },
    parse: (request) => {
      try {
        return JSON.parse(request.rawBody) as StatusReport[];
      } catch (error) {
        throw new CallbackFormatError('not JSON', { cause: error });
      }
    },
  }),
});

class RecordingDisabler implements ChannelDisabler {
  readonly calls: { customerId: string; channel: string; reason: DisableReason }[] = [];
  private readonly off = new Set<string>();
  async disableChannel(customerId: string, channel: string, reason: DisableReason) {
    this.calls.push({ customerId, channel, reason });
    const key = `${customerId}/${channel}`;
    const changed = !this.off.has(key);
    this.off.add(key);
    return { changed };
  }
}

function recordingMetrics() {
  const events: string[] = [];
  const metrics: StatusMetrics = {
    statusChanged: (c) => events.push(`status ${c.channel} ${c.provider} ${c.status} ${c.latencyMs ?? '-'}`),
    refused: (p, r) => events.push(`refused ${p} ${r}`),
    channelDisabled: (c, code) => events.push(`disabled ${c} ${code}`),
  };
  return { metrics, events };
}

async function setup() {
  const ledger = new InMemoryDeliveryLedger();
  const reports = new InMemoryDeliveryReports(ledger);
  const disabler = new RecordingDisabler();
  const { metrics, events } = recordingMetrics();
  const providers = new Map<string, CallbackProvider>([['acme', { provider: 'acme', pluginIds: ['acme-mail'], maxBodyBytes: 1000, reader: acme.create({}) }]]);
  // A delivery the notifier sent through plugin `acme-mail`, message id m1.
  await ledger.claim({ eventId: 'e1', channel: 'email', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 't', now: T0, leaseSeconds: 60 });
  await ledger.markSent({ eventId: 'e1', channel: 'email' }, { leaseToken: 't', now: T0, attempts: 1, provider: 'acme-mail', providerMessageId: 'm1', customerId: 'sub-1', accepted: [{ provider: 'acme-mail', providerMessageId: 'm1' }] });
  const ports = { providers, reports, disabler, logger: silentLogger, metrics, now: () => T1 };
  return { ledger, disabler, events, ports };
}

const report = (status: StatusReport['status'], extra: Partial<StatusReport> = {}): StatusReport => ({ providerMessageId: 'm1', status, occurredAt: T1.toISOString(), ...extra });
const input = (reports: unknown, headers: Record<string, string> = { 'x-sig': 'ok' }, provider = 'acme'): CallbackInput => {
  const rawBody = typeof reports === 'string' ? reports : JSON.stringify(reports);
  return { provider, url: 'https://api.example.com/webhooks/acme', headers, rawBody, bodyBytes: Buffer.byteLength(rawBody) };
};

describe('handleCallback', () => {
  it('moves the delivery the provider message id names to the reported status and counts the latency from send', async () => {
    const { ledger, events, ports } = await setup();
    expect(await handleCallback(input([report('DELIVERED')]), ports)).toMatchObject({ kind: 'accepted', counts: { apply: 1 } });
    expect(ledger.get('e1', 'email')).toMatchObject({ status: 'DELIVERED', reportedAt: T1.toISOString() });
    expect(events).toEqual(['status email acme-mail DELIVERED 4000']);
  });

  it('applies a report once however often it comes, and a late sent never overwrites delivered', async () => {
    const { ledger, events, ports } = await setup();
    await handleCallback(input([report('SENT')]), ports);
    await handleCallback(input([report('DELIVERED')]), ports);
    const again = await handleCallback(input([report('DELIVERED'), report('SENT'), report('FAILED')]), ports);
    expect(again).toMatchObject({ counts: { apply: 0, duplicate: 1, superseded: 1, sent: 1 } });
    expect(ledger.get('e1', 'email')?.status).toBe('DELIVERED');
    expect(events).toHaveLength(1);
  });

  it("takes the provider's own sent without looking the message up: it cannot change a SENT delivery", async () => {
    const { ports } = await setup();
    const find = jest.spyOn(ports.reports, 'find');

    expect(await handleCallback(input([report('SENT'), report('SENT', { providerMessageId: 'nope' })]), ports)).toMatchObject({ kind: 'accepted', counts: { sent: 2, unknown: 0 } });
    expect(find).not.toHaveBeenCalled();
  });

  it('applies a large batch a bounded number of messages at a time, each message\'s reports in order', async () => {
    const { ports, ledger } = await setup();
    const providers = new Map([...ports.providers].map(([id, p]) => [id, { ...p, maxBodyBytes: 1_000_000 }]));
    let inFlight = 0;
    let most = 0;
    const find = ports.reports.find.bind(ports.reports);
    const reports = {
      ...ports.reports,
      apply: ports.reports.apply.bind(ports.reports),
      applyByKey: ports.reports.applyByKey.bind(ports.reports),
      find: async (pluginIds: readonly string[], id: string) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return find(pluginIds, id);
      },
    };
    const batch = [report('DELIVERED'), ...Array.from({ length: 200 }, (_, i) => report('DELIVERED', { providerMessageId: `x${i}` })), report('FAILED')];

    const result = await handleCallback(input(batch), { ...ports, providers, reports });

    expect(result).toMatchObject({ kind: 'accepted', counts: { apply: 1, superseded: 1, unknown: 200 } });
    expect(ledger.get('e1', 'email')?.status).toBe('DELIVERED');
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(16);
  });

  it('acknowledges and ignores message ids it never sent', async () => {
    const { ledger, ports } = await setup();
    expect(await handleCallback(input([report('DELIVERED', { providerMessageId: 'nope' })]), ports)).toMatchObject({ kind: 'accepted', counts: { unknown: 1 } });
    expect(ledger.get('e1', 'email')?.status).toBe('SENT');
  });

  describe('a report that carries its notification key', () => {
    const keyed = (status: StatusReport['status'], extra: Partial<StatusReport> = {}) => report(status, { notificationKey: 'e1:email', ...extra });

    it('moves the delivery the key names without looking the message up', async () => {
      const { ledger, events, ports } = await setup();
      const find = jest.spyOn(ports.reports, 'find');
      expect(await handleCallback(input([keyed('DELIVERED')]), ports)).toMatchObject({ kind: 'accepted', counts: { apply: 1 } });
      expect(find).not.toHaveBeenCalled();
      expect(ledger.get('e1', 'email')).toMatchObject({ status: 'DELIVERED', reportedAt: T1.toISOString() });
      expect(events).toEqual(['status email acme-mail DELIVERED 4000']);
    });

    it('changes nothing, and counts it unknown, when the key and the message id disagree', async () => {
      const { ledger, disabler, ports } = await setup();
      const result = await handleCallback(input([keyed('BOUNCED', { providerMessageId: 'm2', permanent: true })]), ports);
      expect(result).toMatchObject({ kind: 'accepted', counts: { apply: 0, unknown: 1 }, disabled: 0 });
      expect(ledger.get('e1', 'email')?.status).toBe('SENT');
      expect(disabler.calls).toHaveLength(0);
    });

    it('acknowledges and ignores a key that names no delivery', async () => {
      const { ports } = await setup();
      expect(await handleCallback(input([keyed('DELIVERED', { notificationKey: 'e9:email' })]), ports)).toMatchObject({ kind: 'accepted', counts: { unknown: 1 } });
    });

    it('applies once however often it comes, and turns the channel off on a hard bounce once', async () => {
      const { ledger, disabler, ports } = await setup();
      const bounce = keyed('BOUNCED', { permanent: true, errorCode: '5.1.1' });
      expect(await handleCallback(input([bounce]), ports)).toMatchObject({ counts: { apply: 1 }, disabled: 1 });
      expect(await handleCallback(input([bounce, keyed('DELIVERED')]), ports)).toMatchObject({ counts: { apply: 0, duplicate: 1, superseded: 1 }, disabled: 0 });
      expect(ledger.get('e1', 'email')?.status).toBe('BOUNCED');
      expect(disabler.calls[0]).toEqual({ customerId: 'sub-1', channel: 'email', reason: { code: 'hard-bounce', provider: 'acme-mail', deliveryId: 'e1#email', accountId: 'acc-1' } });
    });

    describe('for a delivery its notifier has not recorded SENT yet (a provider that reports at once)', () => {
      /** Delivery e2 claimed (SENDING) through `acme-mail`; `markSent` records message m2 as the notifier would. */
      async function inFlight() {
        const setupDone = await setup();
        await setupDone.ledger.claim({ eventId: 'e2', channel: 'email', eventType: 'MoneyDeposited', accountId: 'acc-1', leaseToken: 't2', now: T0, leaseSeconds: 60 });
        const markSent = () =>
          setupDone.ledger.markSent(
            { eventId: 'e2', channel: 'email' },
            { leaseToken: 't2', now: T0, attempts: 1, provider: 'acme-mail', providerMessageId: 'm2', customerId: 'sub-1', accepted: [{ provider: 'acme-mail', providerMessageId: 'm2' }] },
          );
        const waits: number[] = [];
        return { ...setupDone, markSent, waits };
      }
      const early = (status: StatusReport['status'], extra: Partial<StatusReport> = {}) => keyed(status, { notificationKey: 'e2:email', providerMessageId: 'm2', ...extra });

      it('looks again after a short wait and applies the report once the delivery is SENT', async () => {
        const { ledger, ports, markSent, waits } = await inFlight();
        const sleep = async (ms: number) => {
          waits.push(ms);
          if (waits.length === 2) await markSent();
        };
        const result = await handleCallback(input([early('DELIVERED'), keyed('DELIVERED')]), { ...ports, sleep });
        expect(result).toMatchObject({ kind: 'accepted', counts: { apply: 2, 'in-flight': 0, unknown: 0 } });
        expect(waits).toEqual([50, 200]);
        expect(ledger.get('e2', 'email')).toMatchObject({ status: 'DELIVERED', reportedAt: T1.toISOString() });
        expect(ledger.get('e1', 'email')?.status).toBe('DELIVERED');
      });

      it("keeps a message's reports in the provider's order while they wait", async () => {
        const { ledger, disabler, ports, markSent, waits } = await inFlight();
        const sleep = async (ms: number) => {
          waits.push(ms);
          await markSent();
        };
        const result = await handleCallback(input([early('BOUNCED', { permanent: true }), early('DELIVERED')]), { ...ports, sleep });
        expect(result).toMatchObject({ kind: 'accepted', counts: { apply: 1, superseded: 1 }, disabled: 1 });
        expect(ledger.get('e2', 'email')?.status).toBe('BOUNCED');
        expect(disabler.calls).toHaveLength(1);
      });

      it('changes nothing for it after the last wait and asks the provider to retry, the other reports applied', async () => {
        const { ledger, ports, waits } = await inFlight();
        const before = { ...ledger.get('e2', 'email') };
        const sleep = async (ms: number) => {
          waits.push(ms);
        };
        const result = await handleCallback(input([early('DELIVERED'), keyed('DELIVERED')]), { ...ports, sleep });
        expect(result).toMatchObject({ kind: 'in-flight', counts: { apply: 1, 'in-flight': 1 } });
        expect(waits).toEqual([...IN_FLIGHT_WAITS_MS]);
        expect(ledger.get('e2', 'email')).toEqual(before);
        expect(ledger.get('e1', 'email')?.status).toBe('DELIVERED');
      });

      it('waits for nothing when no report names a delivery in flight', async () => {
        const { ports, waits } = await inFlight();
        const sleep = async (ms: number) => {
          waits.push(ms);
        };
        expect(await handleCallback(input([keyed('DELIVERED'), keyed('DELIVERED', { notificationKey: 'e9:email' })]), { ...ports, sleep })).toMatchObject({ kind: 'accepted' });
        expect(waits).toEqual([]);
      });
    });
  });

  it('turns the channel off for the customer on a hard bounce, once', async () => {
    const { disabler, events, ports } = await setup();
    const bounce = report('BOUNCED', { permanent: true, errorCode: '5.1.1' });
    expect(await handleCallback(input([bounce]), ports)).toMatchObject({ disabled: 1 });
    expect(await handleCallback(input([bounce]), ports)).toMatchObject({ disabled: 0 });
    expect(disabler.calls[0]).toEqual({ customerId: 'sub-1', channel: 'email', reason: { code: 'hard-bounce', provider: 'acme-mail', deliveryId: 'e1#email', accountId: 'acc-1' } });
    expect(events.filter((e) => e.startsWith('disabled'))).toEqual(['disabled email hard-bounce']);
  });

  it('turns it off as unreachable for a permanent undelivered, and leaves it on for a temporary one', async () => {
    const { disabler, ports } = await setup();
    await handleCallback(input([report('UNDELIVERED', { errorCode: '30003' })]), ports);
    expect(disabler.calls).toHaveLength(0);
    await handleCallback(input([report('UNDELIVERED', { errorCode: '30005', permanent: true })]), ports);
    expect(disabler.calls.map((c) => c.reason.code)).toEqual(['unreachable']);
  });

  it.each([
    ['no signature', {}, 401, 'SIGNATURE_REQUIRED', 'signature-missing'],
    ['a bad signature', { 'x-sig': 'forged' }, 403, 'SIGNATURE_INVALID', 'signature-invalid'],
    ['a stale signature', { 'x-sig': 'old' }, 403, 'SIGNATURE_EXPIRED', 'signature-stale'],
  ])('refuses a callback with %s and changes nothing', async (_name, headers, status, code, reason) => {
    const { ledger, disabler, events, ports } = await setup();
    expect(await handleCallback(input([report('BOUNCED', { permanent: true })], headers), ports)).toMatchObject({ kind: 'refused', status, code });
    expect(ledger.get('e1', 'email')?.status).toBe('SENT');
    expect(disabler.calls).toHaveLength(0);
    expect(events).toEqual([`refused acme ${reason}`]);
  });

  it('refuses a malformed body with 400 and an oversized one with 413 before reading it', async () => {
    const { ports } = await setup();
    expect(await handleCallback(input('{'), ports)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(await handleCallback(input('x'.repeat(1001)), ports)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers 404 for a provider no plugin declares and 503 for one whose config is missing', async () => {
    const { ports } = await setup();
    expect(await handleCallback(input([], {}, 'nobody'), ports)).toMatchObject({ status: 404 });
    const broken = new Map<string, CallbackProvider>([['acme', { provider: 'acme', pluginIds: ['acme-mail'], maxBodyBytes: 1000 }]]);
    expect(await handleCallback(input([]), { ...ports, providers: broken })).toMatchObject({ status: 503, code: 'CALLBACKS_UNAVAILABLE' });
  });
});
