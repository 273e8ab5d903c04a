import { maskAddress, maskAddresses } from '../../src/mask-address';

describe('maskAddress', () => {
  it.each([
    ['ada@example.com', '•••@example.com'],
    ['Ada.Lovelace+bank@Example.COM', '•••@example.com'],
    ['+15555550123', '•••0123'],
    ['+44 20 7946 0958', '•••0958'],
    ['whatsapp:+15555550123', '•••0123'],
    ['https://fcm.googleapis.com/fcm/send/abc123', 'https://fcm.googleapis.com/•••'],
    ['https://127.0.0.1:4011/push/s1', 'https://127.0.0.1:4011/•••'],
    ['device-token-0123', '•••'],
    ['', '•••'],
    ['+12', '•••'],
  ])('masks %j as %j', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('keeps no part of the local part of a mailbox or the start of a number', () => {
    expect(maskAddress('ada@example.com')).not.toContain('ada');
    expect(maskAddress('+15555550123')).not.toContain('1555');
  });

  it('joins several addresses once each', () => {
    expect(maskAddresses(['https://a.example/p/1', 'https://a.example/p/2', 'https://b.example/p/3'])).toBe('https://a.example/•••, https://b.example/•••');
  });
});
