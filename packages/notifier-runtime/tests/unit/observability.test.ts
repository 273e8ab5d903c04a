import { createPowertoolsMetrics, outcomeLogFields } from '../../src/observability';
import type { Outcome } from '../../src/process-record';

const context = { messageId: 'm1', channel: 'sms', attempt: 2, eventId: 'e1', eventType: 'MoneyWithdrawn', correlationId: 'c1' };

describe('outcomeLogFields', () => {
  it('names the provider and the outcome of a sent message', () => {
    const outcome: Outcome = { ...context, kind: 'sent', provider: 'twilio', providerMessageId: 'SM1', attempts: 1 };
    expect(outcomeLogFields(outcome)).toMatchObject({ outcome: 'sent', channel: 'sms', provider: 'twilio', eventId: 'e1', eventType: 'MoneyWithdrawn', correlationId: 'c1' });
  });

  it('leaves out the failure reason, which may quote the address', () => {
    const outcome: Outcome = { ...context, kind: 'permanent', failure: { class: 'PermanentError', reason: "'+15550100001' is not a valid number", code: '21211', provider: 'twilio' } };
    const fields = outcomeLogFields(outcome);
    expect(fields).toMatchObject({ outcome: 'permanent', failureClass: 'PermanentError', failureCode: '21211', provider: 'twilio' });
    expect(JSON.stringify(fields)).not.toContain('+1555');
  });
});

describe('createPowertoolsMetrics', () => {
  it('emits one EMF blob per outcome with channel, outcome and provider dimensions and the latency', () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const metrics = createPowertoolsMetrics('test-notifier');
      metrics.record({ ...context, kind: 'sent', provider: 'twilio', providerMessageId: 'SM1', attempts: 1, eventTime: '2024-05-01T12:00:00.000Z' }, new Date('2024-05-01T12:00:01.500Z'));
      metrics.record({ ...context, kind: 'skipped', reason: 'channel-off' }, new Date());
    } finally {
      spy.mockRestore();
    }
    const blobs = lines.filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(blobs).toHaveLength(2);
    expect(blobs[0]).toMatchObject({ channel: 'sms', outcome: 'sent', provider: 'twilio', Notifications: 1, DeliveryLatency: 1500 });
    expect(blobs[1]).toMatchObject({ channel: 'sms', outcome: 'skipped', Notifications: 1 });
    expect(blobs[1]).not.toHaveProperty('provider');
  });
});
