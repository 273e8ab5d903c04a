import { isValidTwilioRecipient, isWhatsApp, normalizeAddress } from '../../src/address';

describe('isValidTwilioRecipient', () => {
  it.each(['+15551234567', 'whatsapp:+447700900123', '+12'])('accepts %s', (to) => {
    expect(isValidTwilioRecipient(to)).toBe(true);
  });

  it.each(['15551234567', '+0555123', '+1555123456789012', 'whatsapp:15551234567', '555-0100', ''])('rejects %j', (to) => {
    expect(isValidTwilioRecipient(to)).toBe(false);
  });
});

describe('isWhatsApp', () => {
  it('recognizes the whatsapp: prefix only', () => {
    expect([isWhatsApp('whatsapp:+1555'), isWhatsApp('+1555')]).toEqual([true, false]);
  });
});

describe('normalizeAddress', () => {
  it('strips the whatsapp prefix, restores a + lost in a query string and lower-cases e-mail', () => {
    expect(normalizeAddress('whatsapp:+15551234567')).toBe('+15551234567');
    expect(normalizeAddress(' 15551234567')).toBe('+15551234567');
    expect(normalizeAddress('Ada@Example.TEST')).toBe('ada@example.test');
  });
});
