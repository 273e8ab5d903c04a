import { MessageStore } from '../../../src/message-store';
import { OptOutList } from '../../../src/opt-out-list';
import { sendTwilioMessage, twilioFaultReply } from '../../../src/providers/twilio';

const AUTH = `Basic ${Buffer.from('AC1:token').toString('base64')}`;

function send(fields: Record<string, string>, auth: { authorization: string | undefined } = { authorization: AUTH }) {
  const { authorization } = auth;
  const deps = { store: new MessageStore(10), optOuts: new OptOutList(), now: () => new Date('2024-05-01T10:00:00Z') };
  const reply = sendTwilioMessage({ accountSid: 'AC1', authorization, form: new URLSearchParams(fields) }, deps);
  return { reply, messages: deps.store.list() };
}

describe('sendTwilioMessage', () => {
  it('returns a Twilio message resource with RFC 2822 dates and the segment count', () => {
    const { reply } = send({ To: '+15550000001', From: '+1555', Body: 'x'.repeat(200) });

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      account_sid: 'AC1',
      status: 'queued',
      num_segments: '2',
      direction: 'outbound-api',
      date_created: 'Wed, 01 May 2024 10:00:00 +0000',
    });
  });

  it('uses the messaging service sid as sender when From is absent', () => {
    const { reply, messages } = send({ To: '+15550000001', MessagingServiceSid: 'MG1', Body: 'hi' });

    expect(reply.body).toMatchObject({ from: null, messaging_service_sid: 'MG1' });
    expect(messages[0]?.from).toBe('MG1');
  });

  it.each([
    [{ From: '+1555', Body: 'hi' }, 21604],
    [{ To: '+15550000001', Body: 'hi' }, 21603],
    [{ To: '+15550000001', From: '+1555' }, 21602],
    [{ To: '+15550000001', From: '+1555', ContentSid: 'HX1', ContentVariables: 'not json' }, 21656],
    [{ To: '+1 555 000', From: '+1555', Body: 'hi' }, 21211],
  ])('refuses %j with code %i and captures nothing', (fields, code) => {
    const { reply, messages } = send(fields);

    expect(reply).toMatchObject({ status: 400, body: { code, status: 400 } });
    expect(messages).toEqual([]);
  });

  it.each([undefined, 'Bearer x', `Basic ${Buffer.from('AC1:').toString('base64')}`])('requires basic credentials (%j)', (auth) => {
    expect(send({ To: '+15550000001', From: '+1555', Body: 'hi' }, { authorization: auth }).reply).toMatchObject({ status: 401, body: { code: 20003 } });
  });
});

describe('twilioFaultReply', () => {
  it('maps 429 to 20429 and 500 to 20500 in Twilio error format', () => {
    expect(twilioFaultReply(429)).toMatchObject({ status: 429, body: { code: 20429, status: 429 } });
    expect(twilioFaultReply(500)).toMatchObject({ status: 500, body: { code: 20500, status: 500, more_info: expect.any(String) } });
  });
});
