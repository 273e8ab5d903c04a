import type { CapturedMessage } from '../../src/captured-message';
import { escapeHtml, renderInboxPage } from '../../src/inbox-page';

const message = (over: Partial<CapturedMessage>): CapturedMessage => ({
  id: 'm1',
  provider: 'twilio',
  channel: 'sms',
  to: '+15550000001',
  from: '+1555',
  body: 'hello',
  providerMessageId: 'SM1',
  receivedAt: '2024-05-01T10:00:00.000Z',
  ...over,
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('renderInboxPage', () => {
  it('renders rows in the given order with escaped fields', () => {
    const html = renderInboxPage([message({ id: 'b', body: '<img src=x onerror=alert(1)>' }), message({ id: 'a', body: 'older-one' })]);

    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html.indexOf('onerror')).toBeLessThan(html.indexOf('older-one'));
    expect(html).toContain('data-fingerprint="2:b:0"');
  });

  it('shows the outcome reported back and what the API answered', () => {
    const html = renderInboxPage([message({ outcome: 'bounce', callbacks: [{ status: 'bounce', url: 'http://api/webhooks/sendgrid', httpStatus: 204 }] })]);

    expect(html).toContain('<td>bounce (bounce 204)</td>');
  });

  it('shows each retry of a callback with its answer', () => {
    const callbacks = [
      { status: 'delivered', url: 'http://api/webhooks/twilio', httpStatus: 503 },
      { status: 'delivered', url: 'http://api/webhooks/twilio', retry: 1, httpStatus: 204 },
    ];
    expect(renderInboxPage([message({ outcome: 'delivered', callbacks })])).toContain('<td>delivered (delivered 503, delivered retry 1 204)</td>');
  });

  it('shows the template sid and variables of a content-template message', () => {
    const html = renderInboxPage([message({ body: '', contentSid: 'HX1', contentVariables: { '1': '$5' } })]);

    expect(html).toContain('[template HX1 {&quot;1&quot;:&quot;$5&quot;}]');
  });

  it('says so when there are no messages', () => {
    expect(renderInboxPage([])).toContain('No messages yet');
  });
});
