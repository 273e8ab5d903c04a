import { toWhatsappAddress } from '../../src/index';

describe('toWhatsappAddress', () => {
  it.each([
    ['+15551234567', 'whatsapp:+15551234567'],
    ['whatsapp:+447911123456', 'whatsapp:+447911123456'],
  ])('turns %s into %s', (input, output) => {
    expect(toWhatsappAddress(input)).toBe(output);
  });

  it.each(['5551234567', 'whatsapp:5551234567', 'sms:+15551234567', ''])('rejects %p', (input) => {
    expect(toWhatsappAddress(input)).toBeUndefined();
  });
});
