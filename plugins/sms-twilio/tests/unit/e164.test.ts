import { isE164 } from '../../src/index';

describe('isE164', () => {
  it.each(['+15551234567', '+447911123456', '+12', '+123456789012345'])('accepts %s', (value) => {
    expect(isE164(value)).toBe(true);
  });

  it.each(['15551234567', '+05551234567', '+1234567890123456', '+1 555 123 4567', '+1-555-1234', '', '+', 'whatsapp:+15551234567'])(
    'rejects %p',
    (value) => {
      expect(isE164(value)).toBe(false);
    },
  );
});
