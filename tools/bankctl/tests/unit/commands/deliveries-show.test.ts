import { deliveriesShow, type DeliveriesContext } from '../../../src/commands/deliveries-show';
import { DeliveryNotFoundError } from '../../../src/errors';

function context(records: Record<string, Record<string, unknown>>) {
  const lines: string[] = [];
  const json: unknown[] = [];
  const ctx: DeliveriesContext = {
    records: { getMany: async (ids) => new Map(ids.flatMap((id) => (records[id] ? [[id, records[id]] as const] : []))) },
    channels: ['email', 'sms', 'push'],
    output: { line: (t) => lines.push(t), json: (v) => json.push(v), note: () => undefined },
  };
  return { ctx, lines, json };
}

const records = {
  'e1#email': { status: 'BOUNCED', provider: 'sendgrid', providerMessageId: 'SGabc', to: '•••@example.com', attempts: 1, sentAt: '2026-11-24T10:00:00.000Z', reportedAt: '2026-11-24T10:00:03.000Z', errorCode: '5.1.1' },
  'e1#sms': { status: 'FAILED', attempts: 2, lastError: { class: 'PermanentError', reason: 'the number +15555550100 is invalid', code: '21211', provider: 'twilio', at: '2026-11-24T10:00:01.000Z' } },
};

describe('deliveries show', () => {
  it("prints every channel's delivery of the event with its status, provider ids and errors", async () => {
    const { ctx, lines } = context(records);
    expect(await deliveriesShow(ctx, { eventId: 'e1', json: false })).toBe(0);
    const [header, email, sms] = (lines[0] ?? '').split('\n');
    expect(header).toMatch(/^CHANNEL\s+STATUS\s+PROVIDER\s+MESSAGE ID/);
    expect(email).toMatch(/^email\s+BOUNCED\s+sendgrid\s+SGabc\s+•••@example\.com.*code 5\.1\.1$/);
    expect(sms).toMatch(/^sms\s+FAILED\s+-.*PermanentError 21211$/);
  });

  it('prints JSON with --json, without the provider\'s free text', async () => {
    const { ctx, json } = context(records);
    await deliveriesShow(ctx, { eventId: 'e1', json: true });
    expect(json[0]).toMatchObject({ eventId: 'e1', deliveries: [{ channel: 'email', status: 'BOUNCED', errorCode: '5.1.1' }, { channel: 'sms', lastError: { class: 'PermanentError', code: '21211' } }] });
    expect(JSON.stringify(json)).not.toContain('+1555');
  });

  it('says so when no channel has a delivery of the event', async () => {
    await expect(deliveriesShow(context({}).ctx, { eventId: 'nope', json: false })).rejects.toBeInstanceOf(DeliveryNotFoundError);
  });
});
