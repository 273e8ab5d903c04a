import { deliveryId, deliveryIdOfNotificationKey, notificationKey } from '../../src/delivery-keys';

describe('notification keys', () => {
  it('builds the key of a delivery to a contact, and of one to a registered address', () => {
    expect(notificationKey({ eventId: 'tx-1', channel: 'sms' })).toBe('tx-1:sms');
    expect(notificationKey({ eventId: 'tx-1', channel: 'push' }, 'sub-9')).toBe('tx-1:push:sub-9');
  });

  it.each([
    [{ eventId: 'tx-1', channel: 'sms' }, undefined],
    [{ eventId: 'account-opened-acc_7', channel: 'whatsapp' }, undefined],
    [{ eventId: '7f3c2a9e-1b2d-4c5e-8f90-123456789abc', channel: 'push' }, 'sub-9'],
    [{ eventId: 'tx-2', channel: 'new-channel' }, 'entry:with:colons'],
  ])('leads from the key of %j (address %s) back to its delivery id', (key, addressId) => {
    expect(deliveryIdOfNotificationKey(notificationKey(key, addressId))).toBe(deliveryId(key));
  });

  it.each([['no-channel'], [':sms'], ['tx-1:'], ['tx-1:SMS'], ['tx-1:s#x'], ['']])('gives no delivery id for %j, which is not a key', (key) => {
    expect(deliveryIdOfNotificationKey(key)).toBeUndefined();
  });
});
