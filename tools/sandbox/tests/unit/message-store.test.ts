import { MessageStore, type NewMessage } from '../../src/message-store';

const sms = (to: string, body: string): NewMessage => ({
  provider: 'twilio',
  channel: 'sms',
  to,
  from: '+1555',
  body,
  providerMessageId: `SM${body}`,
});

describe('MessageStore', () => {
  it('stamps each message with an id and the clock time', () => {
    const store = new MessageStore(10, () => new Date('2024-05-01T10:00:00Z'));

    const captured = store.add(sms('+15550000001', 'a'));

    expect(captured.id).toEqual(expect.any(String));
    expect(captured.receivedAt).toBe('2024-05-01T10:00:00.000Z');
  });

  it('lists newest first', () => {
    const store = new MessageStore(10);
    store.add(sms('+15550000001', 'a'));
    store.add(sms('+15550000001', 'b'));

    expect(store.list().map((m) => m.body)).toEqual(['b', 'a']);
  });

  it('filters recipients after normalization', () => {
    const store = new MessageStore(10);
    store.add({ ...sms('whatsapp:+15550000001', 'wa'), channel: 'whatsapp' });
    store.add(sms('+15550000002', 'other'));

    expect(store.list({ to: '+15550000001' }).map((m) => m.body)).toEqual(['wa']);
  });

  it('drops the oldest messages beyond the cap', () => {
    const store = new MessageStore(2);
    ['a', 'b', 'c'].forEach((body) => store.add(sms('+15550000001', body)));

    expect(store.list().map((m) => m.body)).toEqual(['c', 'b']);
  });

  it('clears everything', () => {
    const store = new MessageStore(10);
    store.add(sms('+15550000001', 'a'));

    store.clear();

    expect(store.list()).toEqual([]);
  });
});
