import { createPowertoolsMetrics, gapsOf, outcomeLogFields } from '../../src/observability';
import type { Outcome } from '../../src/process-record';

const context = { messageId: 'm1', channel: 'sms', attempt: 2, eventId: 'e1', eventType: 'MoneyWithdrawn', correlationId: 'c1' };

describe('outcomeLogFields', () => {
  it('names the provider and the outcome of a sent message', () => {
    const outcome: Outcome = { ...context, kind: 'sent', provider: 'twilio', providerMessageId: 'SM1', attempts: 1, addresses: 1 };
    expect(outcomeLogFields(outcome)).toMatchObject({ outcome: 'sent', channel: 'sms', provider: 'twilio', eventId: 'e1', eventType: 'MoneyWithdrawn', correlationId: 'c1' });
  });

  it('leaves out the failure reason, which may quote the address', () => {
    const outcome: Outcome = { ...context, kind: 'permanent', failure: { class: 'PermanentError', reason: "'+15550100001' is not a valid number", code: '21211', provider: 'twilio' } };
    const fields = outcomeLogFields(outcome);
    expect(fields).toMatchObject({ outcome: 'permanent', failureClass: 'PermanentError', failureCode: '21211', provider: 'twilio' });
    expect(JSON.stringify(fields)).not.toContain('+1555');
  });
});

/** The EMF blobs Powertools writes to stdout while `run` runs. */
function emfBlobs(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return lines.filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('createPowertoolsMetrics', () => {
  it('emits one EMF blob per outcome with channel, outcome and provider dimensions and the latency', () => {
    const blobs = emfBlobs(() => {
      const metrics = createPowertoolsMetrics('test-notifier');
      metrics.record({ ...context, kind: 'sent', provider: 'twilio', providerMessageId: 'SM1', attempts: 1, addresses: 1, eventTime: '2024-05-01T12:00:00.000Z' }, new Date('2024-05-01T12:00:01.500Z'));
      metrics.record({ ...context, kind: 'skipped', reason: 'channel-off' }, new Date());
    });
    expect(blobs).toHaveLength(2);
    expect(blobs[0]).toMatchObject({ channel: 'sms', outcome: 'sent', provider: 'twilio', Notifications: 1, DeliveryLatency: 1500 });
    expect(blobs[1]).toMatchObject({ channel: 'sms', outcome: 'skipped', reason: 'channel-off', Notifications: 1 });
    expect(blobs[1]).not.toHaveProperty('provider');
  });

  it('counts every gap the customer did not choose, by channel and reason, and cold-start problems', () => {
    const blobs = emfBlobs(() => {
      const metrics = createPowertoolsMetrics('test-notifier');
      metrics.record({ ...context, kind: 'skipped', reason: 'no-contact', gaps: [{ addressId: 'phone', reason: 'unverified-contact' }] }, new Date());
      metrics.configProblem('sms', 'provider-unavailable');
    });
    expect(blobs.filter((b) => 'NotificationGaps' in b)).toEqual([
      expect.objectContaining({ channel: 'sms', reason: 'no-contact', NotificationGaps: 1 }),
      expect.objectContaining({ channel: 'sms', reason: 'unverified-contact', NotificationGaps: 1 }),
    ]);
    expect(blobs.find((b) => 'NotifierConfigProblems' in b)).toMatchObject({ channel: 'sms', problem: 'provider-unavailable' });
  });
});

describe('gapsOf', () => {
  it('counts no gap for a channel the customer turned off', () => {
    expect(gapsOf({ ...context, kind: 'skipped', reason: 'channel-off' })).toEqual([]);
  });
});
