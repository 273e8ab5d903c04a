import { MessageStore } from '../../../src/message-store';
import { OptOutList } from '../../../src/opt-out-list';
import { sendGridFaultReply, sendSendGridMail } from '../../../src/providers/sendgrid';

function send(body: unknown, authorization = 'Bearer SG.key') {
  const deps = { store: new MessageStore(10), optOuts: new OptOutList(), now: () => new Date() };
  const reply = sendSendGridMail({ authorization, rawBody: JSON.stringify(body) }, deps);
  return { reply, messages: deps.store.list() };
}

const mail = {
  personalizations: [{ to: [{ email: 'ada@example.test' }] }],
  from: { email: 'alerts@bank.test' },
  subject: 'Hi',
  content: [{ type: 'text/plain', value: 'Hello' }],
};

describe('sendSendGridMail', () => {
  it('captures one message per recipient, with per-personalization subjects winning', () => {
    const { reply, messages } = send({
      ...mail,
      personalizations: [{ to: [{ email: 'a@example.test' }, { email: 'b@example.test' }] }, { to: [{ email: 'c@example.test' }], subject: 'Own' }],
    });

    expect(reply.status).toBe(202);
    expect(messages.map((m) => [m.to, m.subject]).reverse()).toEqual([
      ['a@example.test', 'Hi'],
      ['b@example.test', 'Hi'],
      ['c@example.test', 'Own'],
    ]);
    expect(new Set(messages.map((m) => m.providerMessageId))).toEqual(new Set([reply.headers?.['X-Message-Id']]));
  });

  it("keeps the mail's custom args with each personalization's own over them, strings only", () => {
    const { messages } = send({
      ...mail,
      custom_args: { idempotencyKey: 'evt-1:email', eventType: 'MoneyDeposited', count: 3 },
      personalizations: [{ to: [{ email: 'a@example.test' }] }, { to: [{ email: 'b@example.test' }], custom_args: { idempotencyKey: 'evt-1:email:b' } }],
    });
    expect(messages.map((m) => [m.to, m.customArgs]).reverse()).toEqual([
      ['a@example.test', { idempotencyKey: 'evt-1:email', eventType: 'MoneyDeposited' }],
      ['b@example.test', { idempotencyKey: 'evt-1:email:b', eventType: 'MoneyDeposited' }],
    ]);
    expect(send(mail).messages[0]).not.toHaveProperty('customArgs');
  });

  it('reports every validation error with its field', () => {
    const { reply } = send({ personalizations: [{ to: [{ email: 'nope' }] }] });

    expect(reply.status).toBe(400);
    const fields = (reply.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(['personalizations.0.to.0.email', 'from', 'subject', 'content']);
  });

  it('accepts a template send without subject or content', () => {
    const { reply, messages } = send({ ...mail, subject: undefined, content: undefined, template_id: 'd-1' });

    expect(reply.status).toBe(202);
    expect(messages[0]?.body).toBe('');
  });

  it('answers malformed JSON with 400', () => {
    const deps = { store: new MessageStore(10), optOuts: new OptOutList(), now: () => new Date() };

    expect(sendSendGridMail({ authorization: 'Bearer k', rawBody: '{' }, deps).status).toBe(400);
  });
});

describe('sendGridFaultReply', () => {
  it('uses the SendGrid errors array', () => {
    expect(sendGridFaultReply(500)).toEqual({ status: 500, body: { errors: [{ message: 'internal server error', field: null, help: null }] } });
  });
});
